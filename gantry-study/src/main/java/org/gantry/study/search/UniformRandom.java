package org.gantry.study.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Independent uniform points from a seeded generator: the baseline a low-discrepancy sequence must beat. */
public final class UniformRandom implements PointSequence {
    private final int dimension;
    private final long seed;

    public UniformRandom(int dimension, long seed) {
        this.dimension = dimension;
        this.seed = seed;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<double[]> first(int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double[] p = new double[dimension];
            for (int d = 0; d < dimension; d++) {
                p[d] = random.nextDouble();
            }
            out.add(p);
        }
        return out;
    }
}
