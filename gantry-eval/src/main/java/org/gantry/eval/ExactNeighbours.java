package org.gantry.eval;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

/**
 * The nearest-neighbour searches of {@link KthNeighbourRadii} with every distance in double
 * ({@link SquaredDistances}): the reference that {@link ScreenedNeighbours} repeats, and the search
 * for inputs the screen cannot take (NaN or infinite values, products near float's range). Work
 * runs in blocks of query rows against tiles of the other set, {@code blockSize} rows each, in
 * parallel over query blocks; memory is O(blockSize²) per block.
 */
final class ExactNeighbours {
    private ExactNeighbours() {}

    /**
     * The distance the exact search computes between query row i and centre row j, given their
     * squared norms. Symmetric to the last bit: products of two floats are exact in double and the
     * sums run in column order, so swapping the rows gives the same number.
     */
    static double squaredDistance(FeatureMatrix queries, int i, double queryNorm, FeatureMatrix centres, int j,
            double centreNorm) {
        int d = queries.columns();
        double d2 = queryNorm + centreNorm - 2 * RowDotProducts.dot(queries.values(), i * d, centres.values(), j * d, d);
        return d2 < 0 ? 0 : d2;
    }

    static double[] squaredRadii(FeatureMatrix centres, double[] norms, int k, int blockSize) {
        int n = centres.rows();
        int width = Math.min(n, blockSize);
        double[] squaredRadii = new double[n];
        IntStream.range(0, SquaredDistances.blockCount(n, blockSize)).parallel().forEach(block -> {
            int q0 = block * blockSize;
            int q1 = Math.min(n, q0 + blockSize);
            SquaredDistances distances = new SquaredDistances(centres, norms, centres, norms, width);
            double[][] tile = new double[q1 - q0][width];
            // The k smallest squared distances of each query row so far, ascending.
            double[][] smallest = new double[q1 - q0][k];
            for (double[] s : smallest) {
                Arrays.fill(s, Double.POSITIVE_INFINITY);
            }
            for (int r0 = 0; r0 < n; r0 += blockSize) {
                int r1 = Math.min(n, r0 + blockSize);
                distances.tile(q0, q1, r0, r1, tile);
                for (int i = q0; i < q1; i++) {
                    double[] row = tile[i - q0];
                    double[] s = smallest[i - q0];
                    for (int j = r0; j < r1; j++) {
                        double d2 = row[j - r0];
                        if (j != i && d2 < s[k - 1]) {
                            insertSorted(s, k, d2);
                        }
                    }
                }
            }
            for (int i = q0; i < q1; i++) {
                squaredRadii[i] = smallest[i - q0][k - 1];
            }
        });
        return squaredRadii;
    }

    static BallMembership membership(FeatureMatrix queries, double[] queryNorms, FeatureMatrix centres,
            double[] centreNorms, double[] squaredRadii, int blockSize) {
        int m = queries.rows();
        int n = centres.rows();
        int width = Math.min(n, blockSize);
        int[] ballsContaining = new int[m];
        // A ball is hit by queries from many blocks; hits per ball are few (about k per query), so
        // atomic increments cost little and keep memory at O(n).
        AtomicIntegerArray queriesInside = new AtomicIntegerArray(n);
        IntStream.range(0, SquaredDistances.blockCount(m, blockSize)).parallel().forEach(block -> {
            int q0 = block * blockSize;
            int q1 = Math.min(m, q0 + blockSize);
            SquaredDistances distances = new SquaredDistances(queries, queryNorms, centres, centreNorms, width);
            double[][] tile = new double[q1 - q0][width];
            for (int r0 = 0; r0 < n; r0 += blockSize) {
                int r1 = Math.min(n, r0 + blockSize);
                distances.tile(q0, q1, r0, r1, tile);
                for (int i = q0; i < q1; i++) {
                    double[] row = tile[i - q0];
                    for (int j = r0; j < r1; j++) {
                        if (row[j - r0] <= squaredRadii[j]) {
                            ballsContaining[i]++;
                            queriesInside.incrementAndGet(j);
                        }
                    }
                }
            }
        });
        return new BallMembership(ballsContaining, counts(queriesInside));
    }

    /** Drops the largest of the k sorted values and puts {@code value} in its place. */
    static void insertSorted(double[] values, int k, double value) {
        int p = k - 1;
        while (p > 0 && values[p - 1] > value) {
            values[p] = values[p - 1];
            p--;
        }
        values[p] = value;
    }

    static int[] counts(AtomicIntegerArray counts) {
        int[] out = new int[counts.length()];
        for (int j = 0; j < out.length; j++) {
            out[j] = counts.get(j);
        }
        return out;
    }
}
