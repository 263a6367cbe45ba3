package org.gantry.data;

import java.util.Optional;

/** Points in R^d held as one flat array; optionally with the mixture they were drawn from. */
public final class PointDataset implements Dataset {
    private final String name;
    private final float[] points;
    private final int dimension;
    private final GaussianMixture mixture;

    public PointDataset(String name, float[] points, int dimension, GaussianMixture mixture) {
        if (dimension <= 0 || points.length == 0 || points.length % dimension != 0) {
            throw new IllegalArgumentException("points must be a non-empty multiple of the dimension");
        }
        this.name = name;
        this.points = points;
        this.dimension = dimension;
        this.mixture = mixture;
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
    public Optional<GaussianMixture> mixture() {
        return Optional.ofNullable(mixture);
    }
}
