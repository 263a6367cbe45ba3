package org.gantry.eval;

import java.util.Arrays;
import org.gantry.random.Rng;

/** Random feature sets and brute-force distances: the independent truths the metric tests compare against. */
final class TestFeatures {
    private TestFeatures() {}

    /** n rows of d independent N(offset, scale²) values. */
    static FeatureMatrix gaussian(int n, int d, double offset, double scale, long seed) {
        Rng rng = new Rng(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (offset + scale * rng.gaussian());
        }
        return new FeatureMatrix(n, d, v);
    }

    /** The rows of {@code a} followed by the rows of {@code b}. */
    static FeatureMatrix stack(FeatureMatrix a, FeatureMatrix b) {
        float[] v = Arrays.copyOf(a.values(), a.values().length + b.values().length);
        System.arraycopy(b.values(), 0, v, a.values().length, b.values().length);
        return new FeatureMatrix(a.rows() + b.rows(), a.columns(), v);
    }

    /** Σ (a_i − b_j)², summed directly (not through norms). */
    static double squaredDistance(FeatureMatrix a, int i, FeatureMatrix b, int j) {
        double s = 0;
        for (int c = 0; c < a.columns(); c++) {
            double diff = (double) a.get(i, c) - b.get(j, c);
            s += diff * diff;
        }
        return s;
    }

    /** Distance from row i to its k-th nearest other row, by sorting all its distances. */
    static double kthRadius(FeatureMatrix set, int i, int k) {
        double[] d = new double[set.rows() - 1];
        int p = 0;
        for (int j = 0; j < set.rows(); j++) {
            if (j != i) {
                d[p++] = Math.sqrt(squaredDistance(set, i, set, j));
            }
        }
        Arrays.sort(d);
        return d[k - 1];
    }

    static double[] kthRadii(FeatureMatrix set, int k) {
        double[] r = new double[set.rows()];
        for (int i = 0; i < r.length; i++) {
            r[i] = kthRadius(set, i, k);
        }
        return r;
    }

    /** inside[q][c]: query q is within distance radii[c] of centre c. */
    static boolean[][] inside(FeatureMatrix queries, FeatureMatrix centres, double[] radii) {
        boolean[][] in = new boolean[queries.rows()][centres.rows()];
        for (int q = 0; q < queries.rows(); q++) {
            for (int c = 0; c < centres.rows(); c++) {
                in[q][c] = Math.sqrt(squaredDistance(queries, q, centres, c)) <= radii[c];
            }
        }
        return in;
    }
}
