package org.gantry.eval;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The nearest-neighbour searches of {@link KthNeighbourRadii} on float products: a block of query
 * rows against all reference rows at once ({@link FloatProducts}, a BLAS call when an engine offers
 * one), then one pass per row that settles almost every pair from the float values and recomputes
 * in double, exactly as {@link ExactNeighbours} does, only the pairs the slack of
 * {@link ProductScreen} leaves open. Every decision is one the exact search would make, so the
 * radii and counts are the same numbers, bit for bit, whichever products were used.
 *
 * <p>With x = ‖q‖² + ‖r‖² − 2 qᵀr from a float product and s the pair's slack, the exact search's
 * unclamped value lies in [x − s, x + s]; the passes compute those two ends ("low" and "high"),
 * each from a per-row and a per-column part, whose own rounding the slack's second half covers, so
 * thresholds taken from other pairs' ends need no margin. The exact distance is max(0, ·) of the unclamped value
 * and radii are never negative, so "distance ≤ r²" is "unclamped ≤ r²". The hot loops test only the
 * low end: a pair beyond a radius by more than its slack, nearly every pair, costs a load and a
 * comparison.
 */
final class ScreenedNeighbours {
    /** Floats per block of products: a block is scanned while it is still in cache. */
    private static final int BLOCK_VALUES = 1 << 21;

    private final FloatProducts products;
    private final int blockRows;

    /** {@code blockRows} query rows per block of products; 0 chooses from the block size above. */
    ScreenedNeighbours(FloatProducts products, int blockRows) {
        this.products = products;
        this.blockRows = blockRows;
    }

    private int rowsPerBlock(int references) {
        int chosen = blockRows > 0 ? blockRows : Math.max(16, Math.min(1024, BLOCK_VALUES / references));
        // A block's products are one buffer of at most 2 GiB (at least 16 rows: ProductScreen.MAX_ROWS).
        return Math.min(chosen, Integer.MAX_VALUE / Float.BYTES / references);
    }

    /** Squared distance from each centre to its k-th nearest other centre. */
    double[] squaredRadii(FeatureMatrix centres, double[] norms, int k) {
        int n = centres.rows();
        Ends ends = new Ends(norms, centres.columns());
        double[] squaredRadii = new double[n];
        forEachRow(centres, centres, (i, products) -> {
            Nearest nearest = new Nearest(centres, ends, i, k);
            // Around the row itself, which is not its own neighbour.
            nearest.scan(products, 0, i);
            nearest.scan(products, i + 1, n);
            squaredRadii[i] = nearest.kthSquared();
        });
        return squaredRadii;
    }

    /** As {@link ExactNeighbours#membership}, from the centres' squared radii. */
    BallMembership membership(FeatureMatrix queries, double[] queryNorms, FeatureMatrix centres, double[] centreNorms,
            double[] squaredRadii) {
        int m = queries.rows();
        int n = centres.rows();
        Ends ends = new Ends(centreNorms, centres.columns());
        int[] ballsContaining = new int[m];
        AtomicIntegerArray queriesInside = new AtomicIntegerArray(n);
        forEachRow(queries, centres, (i, products) -> {
            double qn = queryNorms[i];
            double qLow = ends.lowEnd(qn);
            double qHigh = ends.highEnd(qn);
            int inside = 0;
            for (int j = 0; j < n; j++) {
                double twice = 2.0 * products[j];
                if (qLow + ends.low[j] - twice <= squaredRadii[j]
                        && inside(qHigh + ends.high[j] - twice, squaredRadii[j], queries, i, qn, centres, j, ends)) {
                    inside++;
                    queriesInside.incrementAndGet(j);
                }
            }
            ballsContaining[i] = inside;
        });
        return new BallMembership(ballsContaining, ExactNeighbours.counts(queriesInside));
    }

    /**
     * {@code queries} in the balls of {@code centres} and {@code centres} in the balls of
     * {@code queries}, from one pass over their products: the two unclamped distances of a pair are
     * the same number, compared with either side's radius.
     */
    MutualMembership mutual(FeatureMatrix centres, double[] centreNorms, double[] centreRadii, FeatureMatrix queries,
            double[] queryNorms, double[] queryRadii) {
        int m = queries.rows();
        int n = centres.rows();
        Ends ends = new Ends(centreNorms, centres.columns());
        int[] queriesInBalls = new int[m];
        int[] queryBallsHolding = new int[m];
        AtomicIntegerArray centreBallsHolding = new AtomicIntegerArray(n);
        AtomicIntegerArray centresInBalls = new AtomicIntegerArray(n);
        forEachRow(queries, centres, (i, products) -> {
            double qn = queryNorms[i];
            double qLow = ends.lowEnd(qn);
            double qHigh = ends.highEnd(qn);
            double own = queryRadii[i];
            int inBalls = 0;
            int holding = 0;
            for (int j = 0; j < n; j++) {
                double twice = 2.0 * products[j];
                double low = qLow + ends.low[j] - twice;
                if (low <= centreRadii[j]
                        && inside(qHigh + ends.high[j] - twice, centreRadii[j], queries, i, qn, centres, j, ends)) {
                    inBalls++;
                    centreBallsHolding.incrementAndGet(j);
                }
                if (low <= own && inside(qHigh + ends.high[j] - twice, own, queries, i, qn, centres, j, ends)) {
                    holding++;
                    centresInBalls.incrementAndGet(j);
                }
            }
            queriesInBalls[i] = inBalls;
            queryBallsHolding[i] = holding;
        });
        return new MutualMembership(
                new BallMembership(queriesInBalls, ExactNeighbours.counts(centreBallsHolding)),
                new BallMembership(ExactNeighbours.counts(centresInBalls), queryBallsHolding));
    }

    /** For a pair whose low end is within {@code r2}: inside when the high end is too, else as the exact search decides. */
    private static boolean inside(double high, double r2, FeatureMatrix queries, int i, double qn, FeatureMatrix centres,
            int j, Ends ends) {
        return high <= r2 || ExactNeighbours.squaredDistance(queries, i, qn, centres, j, ends.norms[j]) <= r2;
    }

    /** One query row's pass over its products with every reference row ({@code products[j]}: with row j). */
    @FunctionalInterface
    private interface RowPass {
        void row(int i, float[] products);
    }

    /** Blocks of query rows' products with all reference rows, each block's rows passed in parallel. */
    private void forEachRow(FeatureMatrix queries, FeatureMatrix references, RowPass pass) {
        int m = queries.rows();
        int n = references.rows();
        int rows = rowsPerBlock(n);
        // each thread's copy of the row it scans, garbage once the search is done
        ThreadLocal<float[]> rowCopies = ThreadLocal.withInitial(() -> new float[n]);
        try (FloatProducts.Blocks blocks = products.against(references)) {
            for (int q0 = 0; q0 < m; q0 += rows) {
                int first = q0;
                FloatBuffer block = blocks.multiply(queries, q0, Math.min(m, q0 + rows));
                parallelRows(q0, Math.min(m, q0 + rows), i -> {
                    // One bulk copy, then array reads: reading a direct buffer element by element
                    // costs a bounds and a memory-scope check per value, the scan's own cost.
                    float[] row = rowCopies.get();
                    block.get((i - first) * n, row, 0, n);
                    pass.row(i, row);
                });
            }
        }
    }

    /**
     * Rows [from, to) in parallel, returning only when every row is done, also when one fails: a
     * block's products may be native memory, freed when the caller moves on.
     */
    private static void parallelRows(int from, int to, IntConsumer row) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        IntStream.range(from, to).parallel().forEach(i -> {
            if (failure.get() == null) {
                try {
                    row.accept(i);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        });
        Throwable t = failure.get();
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Per reference row: its squared norm and the two ends of its share of the slack, half the
     * relative part on its norm and half the underflow part; a query row's share comes from
     * {@link #lowEnd} and {@link #highEnd}.
     */
    private static final class Ends {
        final double[] norms;
        final double[] low;
        final double[] high;
        private final double slack;
        private final double halfUnderflow;

        Ends(double[] norms, int columns) {
            this.norms = norms;
            this.slack = ProductScreen.slack(columns);
            this.halfUnderflow = ProductScreen.underflowSlack(columns) / 2;
            low = new double[norms.length];
            high = new double[norms.length];
            for (int j = 0; j < norms.length; j++) {
                low[j] = lowEnd(norms[j]);
                high[j] = highEnd(norms[j]);
            }
        }

        double lowEnd(double norm) {
            return norm - slack * norm - halfUnderflow;
        }

        double highEnd(double norm) {
            return norm + slack * norm + halfUnderflow;
        }
    }

    /**
     * One row's k nearest other rows. The k smallest high ends seen bound the k-th exact distance
     * from above (by max(0, the k-th)); a row whose low end is beyond that bound, its reach, cannot
     * be among the k nearest. The rows within reach when seen are kept as candidates and the k-th
     * distance is taken, exactly, among those still within the final reach.
     */
    private static final class Nearest {
        private final FeatureMatrix centres;
        private final Ends ends;
        private final int i;
        private final int k;
        private final double qn;
        private final double qLow;
        private final double qHigh;
        private final double[] high;
        private double reach = Double.POSITIVE_INFINITY;
        private int[] candidates = new int[32];
        private double[] candidateLow = new double[32];
        private int size;

        Nearest(FeatureMatrix centres, Ends ends, int i, int k) {
            this.centres = centres;
            this.ends = ends;
            this.i = i;
            this.k = k;
            qn = ends.norms[i];
            qLow = ends.lowEnd(qn);
            qHigh = ends.highEnd(qn);
            high = new double[k];
            Arrays.fill(high, Double.POSITIVE_INFINITY);
        }

        void scan(float[] products, int from, int to) {
            double[] low = ends.low;
            for (int j = from; j < to; j++) {
                double twice = 2.0 * products[j];
                double l = qLow + low[j] - twice;
                if (l <= reach) {
                    within(j, l, qHigh + ends.high[j] - twice);
                }
            }
        }

        private void within(int j, double low, double highEnd) {
            if (size == candidates.length) {
                candidates = Arrays.copyOf(candidates, 2 * size);
                candidateLow = Arrays.copyOf(candidateLow, 2 * size);
            }
            candidates[size] = j;
            candidateLow[size++] = low;
            if (highEnd < high[k - 1]) {
                ExactNeighbours.insertSorted(high, k, highEnd);
                reach = Math.max(0, high[k - 1]);
            }
        }

        double kthSquared() {
            double[] exact = new double[k];
            Arrays.fill(exact, Double.POSITIVE_INFINITY);
            for (int c = 0; c < size; c++) {
                if (candidateLow[c] <= reach) {
                    int j = candidates[c];
                    double d2 = ExactNeighbours.squaredDistance(centres, i, qn, centres, j, ends.norms[j]);
                    if (d2 < exact[k - 1]) {
                        ExactNeighbours.insertSorted(exact, k, d2);
                    }
                }
            }
            return exact[k - 1];
        }
    }
}
