package org.gantry.data;

import java.util.Optional;

/**
 * Points in R^d held as one flat array; optionally with the mixture they were drawn from, and then
 * labelled by their nearest mode (a class per mode, for games that learn from labels).
 */
public final class PointDataset implements Dataset {
    private final String name;
    private final float[] points;
    private final int dimension;
    private final GaussianMixture mixture;
    private final int[] labels;

    public PointDataset(String name, float[] points, int dimension, GaussianMixture mixture) {
        if (dimension <= 0 || points.length == 0 || points.length % dimension != 0) {
            throw new IllegalArgumentException("points must be a non-empty multiple of the dimension");
        }
        this.name = name;
        this.points = points;
        this.dimension = dimension;
        this.mixture = mixture;
        this.labels = mixture == null ? null : nearestModes(points, dimension, mixture);
    }

    private static int[] nearestModes(float[] points, int dimension, GaussianMixture mixture) {
        int[] out = new int[points.length / dimension];
        for (int i = 0; i < out.length; i++) {
            out[i] = mixture.nearestMode(points, i);
        }
        return out;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return points.length / dimension;
    }

    @Override
    public int[] exampleShape() {
        return new int[] {dimension};
    }

    @Override
    public void fill(int[] indices, float[] out) {
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(points, indices[i] * dimension, out, i * dimension, dimension);
        }
    }

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public int label(int index) {
        if (labels == null) {
            throw new UnsupportedOperationException(name + " has no labels: its points come from no known mixture");
        }
        return labels[index];
    }

    @Override
    public int classCount() {
        return mixture == null ? 0 : mixture.modes();
    }

    @Override
    public Optional<GaussianMixture> mixture() {
        return Optional.ofNullable(mixture);
    }
}
