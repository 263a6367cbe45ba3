package org.gantry.eval;

/**
 * Rows of numbers, one row per sample, stored row after row: the features (or class
 * probabilities) a feature network gives for a set of images. Engine-free, so every metric is
 * plain Java and testable without libtorch.
 */
public record FeatureMatrix(int rows, int columns, float[] values) {
    public FeatureMatrix {
        if (rows < 0 || columns < 1 || values.length != (long) rows * columns) {
            throw new IllegalArgumentException(
                    "a " + rows + " x " + columns + " matrix needs " + (long) rows * columns + " values, got " + values.length);
        }
    }

    public float get(int row, int column) {
        return values[row * columns + column];
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), copied. */
    public FeatureMatrix rows(int from, int to) {
        float[] out = new float[(to - from) * columns];
        System.arraycopy(values, from * columns, out, 0, out.length);
        return new FeatureMatrix(to - from, columns, out);
    }
}
