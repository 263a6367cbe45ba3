package org.gantry.study.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A full grid: L levels per dimension at the cell centres (i + 1/2) / L, with L the largest whose
 * L^d points fit in the count. Unlike the sequences, a grid cannot grow point by point: asking for
 * more points changes L and with it every point. The seed is not used.
 */
public final class GridPoints implements PointSequence {
    private final int dimension;

    public GridPoints(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** The levels per dimension a grid of at most {@code count} points has (at least 1). */
    public static int levels(int count, int dimension) {
        int levels = Math.max(1, (int) Math.floor(Math.pow(count, 1.0 / dimension) + 1e-9));
        while (Math.pow(levels, dimension) > count && levels > 1) {
            levels--;
        }
        return levels;
    }

    @Override
    public List<double[]> first(int count) {
        int levels = levels(count, dimension);
        int total = (int) Math.pow(levels, dimension);
        List<double[]> out = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            double[] p = new double[dimension];
            int rest = i;
            for (int d = dimension - 1; d >= 0; d--) {
                p[d] = (rest % levels + 0.5) / levels;
                rest /= levels;
            }
            out.add(p);
        }
        return out;
    }
}
