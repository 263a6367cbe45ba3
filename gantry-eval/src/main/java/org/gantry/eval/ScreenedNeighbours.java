package org.gantry.eval;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
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
 * low end, and first in float for a stretch of pairs at a time ({@link FloatPretest}): a stretch
 * whose pairs are all beyond their radii by more than their slack, nearly every stretch, costs a
 * few float operations per pair and no branch.
 */
final class ScreenedNeighbours {
    /**
     * Floats per block of products (32 MiB). SGEMM's fixed cost per call (packing the other set) is
     * spread over more rows: on 10,000 × 10,000 × 128 features a Zen 3 ran precision/recall in about
     * 0.93 s with blocks of 838 rows against 1.12 s with the 8 MiB blocks of 209 rows used before.
     */
    private static final int BLOCK_VALUES = 1 << 23;
    /**
     * Most columns per task when later rows are scanned against a block's rows (a stretch of a row
     * stays in L1); fewer when that would leave cores idle.
     */
    private static final int COLUMN_CHUNK = 1024;

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

    /**
     * Squared distance from each centre to its k-th nearest other centre. The products of a set with
     * itself are symmetric, so only the pairs on and above the diagonal are computed: a block of rows
     * [q0, q1) against rows [q0, n). Each row of the block is scanned against them all; each later row
     * j ≥ q1, which later blocks no longer pair with this block's rows, is scanned against the block's
     * rows from the same products. Every pair thus reaches both rows' searches once, in an order that
     * does not change the answer ({@link Nearest}).
     */
    double[] squaredRadii(FeatureMatrix centres, double[] norms, int k) {
        int n = centres.rows();
        Ends ends = new Ends(norms, centres.columns(), FloatPretest.applies(norms));
        double[] reach = new double[n];
        Arrays.fill(reach, Double.POSITIVE_INFINITY);
        // each row's pretest side carrying its reach, for the column scans: −∞ while the reach is infinite
        float[] reachSides = ends.sides == null ? null : new float[n];
        if (reachSides != null) {
            Arrays.fill(reachSides, Float.NEGATIVE_INFINITY);
        }
        Nearest[] nearest = new Nearest[n];
        Arrays.setAll(nearest, i -> new Nearest(centres, ends, i, k, reach, reachSides));
        // each thread's copy of the stretch of a row it scans, garbage once the search is done
        ThreadLocal<float[]> stretches = ThreadLocal.withInitial(() -> new float[COLUMN_CHUNK]);
        forEachRow(centres, centres, true, (i, row, first) -> {
            // around the row itself, which is not its own neighbour
            nearest[i].scan(row, first, first, i);
            nearest[i].scan(row, first, i + 1, n);
        }, (first, last, block) -> {
            int width = n - first;
            int chunk = columnChunk(n - last);
            int chunks = (n - last + chunk - 1) / chunk;
            parallel(0, chunks, c -> {
                int c0 = last + c * chunk;
                int c1 = Math.min(n, c0 + chunk);
                float[] stretch = stretches.get();
                for (int i = first; i < last; i++) {
                    block.get((i - first) * width + (c0 - first), stretch, 0, c1 - c0);
                    scanColumns(nearest, reach, reachSides, ends, i, stretch, c0, c1);
                }
            });
        });
        double[] squaredRadii = new double[n];
        parallel(0, n, i -> squaredRadii[i] = nearest[i].kthSquared());
        return squaredRadii;
    }

    /** Columns per task for {@code columns} later rows: two tasks per thread at least, 64 to {@value #COLUMN_CHUNK} columns each. */
    private static int columnChunk(int columns) {
        int threads = ForkJoinPool.getCommonPoolParallelism() + 1;
        return Math.max(FloatPretest.STRETCH, Math.min(COLUMN_CHUNK, (columns + 2 * threads - 1) / (2 * threads)));
    }

    /** Columns [c0, c1) (products {@code stretch[j − c0]}) each with row i, for the columns' own searches. */
    private static void scanColumns(Nearest[] nearest, double[] reach, float[] reachSides, Ends ends, int i,
            float[] stretch, int c0, int c1) {
        double rowLow = ends.low[i];
        double rowHigh = ends.high[i];
        double[] low = ends.low;
        float rowSide = ends.sides == null ? 0 : ends.sides[i];
        for (int s0 = c0; s0 < c1; s0 += FloatPretest.STRETCH) {
            int s1 = Math.min(c1, s0 + FloatPretest.STRETCH);
            if (!FloatPretest.any(stretch, c0, reachSides, s0, s1, rowSide)) {
                continue;
            }
            for (int j = s0; j < s1; j++) {
                double twice = 2.0 * stretch[j - c0];
                double l = rowLow + low[j] - twice;
                if (l <= reach[j]) {
                    nearest[j].within(i, l, rowHigh + ends.high[j] - twice);
                }
            }
        }
    }

    /** As {@link ExactNeighbours#membership}, from the centres' squared radii. */
    BallMembership membership(FeatureMatrix queries, double[] queryNorms, FeatureMatrix centres, double[] centreNorms,
            double[] squaredRadii) {
        return mutual(centres, centreNorms, squaredRadii, queries, queryNorms, null).otherInThese();
    }

    /**
     * {@code queries} in the balls of {@code centres} and {@code centres} in the balls of
     * {@code queries}, from one pass over their products: the two unclamped distances of a pair are
     * the same number, compared with either side's radius. Without {@code queryRadii} (null) only
     * the first, and the second is empty.
     */
    MutualMembership mutual(FeatureMatrix centres, double[] centreNorms, double[] centreRadii, FeatureMatrix queries,
            double[] queryNorms, double[] queryRadii) {
        int m = queries.rows();
        int n = centres.rows();
        boolean pretest = FloatPretest.applies(queryNorms) && FloatPretest.applies(centreNorms);
        boolean both = queryRadii != null;
        Ends ends = new Ends(centreNorms, centres.columns(), pretest && both);
        float[] ballSides = pretest ? FloatPretest.sides(ends.low, centreNorms, centreRadii) : null;
        int[] queriesInBalls = new int[m];
        int[] queryBallsHolding = new int[m];
        AtomicIntegerArray centreBallsHolding = new AtomicIntegerArray(n);
        AtomicIntegerArray centresInBalls = new AtomicIntegerArray(n);
        forEachRow(queries, centres, false, (i, products, first) -> {
            double qn = queryNorms[i];
            double qLow = ends.lowEnd(qn);
            double qHigh = ends.highEnd(qn);
            // no pair's low end is at most −∞: without radii of its own no query's ball holds a centre
            double own = both ? queryRadii[i] : Double.NEGATIVE_INFINITY;
            float rowSide = pretest ? FloatPretest.side(qLow, qn, 0) : 0;
            float ownSide = pretest && both ? FloatPretest.side(qLow, qn, own) : 0;
            int inBalls = 0;
            int holding = 0;
            for (int s0 = 0; s0 < n; s0 += FloatPretest.STRETCH) {
                int s1 = Math.min(n, s0 + FloatPretest.STRETCH);
                // in a centre's ball (the centre carries its radius), or a centre in the query's own ball
                if (!FloatPretest.any(products, 0, ballSides, s0, s1, rowSide)
                        && !(both && FloatPretest.any(products, 0, ends.sides, s0, s1, ownSide))) {
                    continue;
                }
                for (int j = s0; j < s1; j++) {
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
            }
            queriesInBalls[i] = inBalls;
            queryBallsHolding[i] = holding;
        }, null);
        return new MutualMembership(
                new BallMembership(queriesInBalls, ExactNeighbours.counts(centreBallsHolding)),
                new BallMembership(ExactNeighbours.counts(centresInBalls), queryBallsHolding));
    }

    /** For a pair whose low end is within {@code r2}: inside when the high end is too, else as the exact search decides. */
    private static boolean inside(double high, double r2, FeatureMatrix queries, int i, double qn, FeatureMatrix centres,
            int j, Ends ends) {
        return high <= r2 || ExactNeighbours.squaredDistance(queries, i, qn, centres, j, ends.norms[j]) <= r2;
    }

    /** One query row's pass over its products with reference rows {@code first} on ({@code products[j − first]}: with row j). */
    @FunctionalInterface
    private interface RowPass {
        void row(int i, float[] products, int first);
    }

    /** A pass over a block of query rows [first, last) after their row passes, its products still readable. */
    @FunctionalInterface
    private interface BlockPass {
        void block(int first, int last, FloatBuffer products);
    }

    /**
     * Blocks of query rows' products with the reference rows, each block's rows passed in parallel,
     * then {@code after} (when not null) on the block. With {@code upper}, the queries are the
     * references and a block of rows [q0, q1) is multiplied only with the rows from q0 on.
     */
    private void forEachRow(FeatureMatrix queries, FeatureMatrix references, boolean upper, RowPass pass,
            BlockPass after) {
        int m = queries.rows();
        int n = references.rows();
        // each thread's copy of the row it scans, garbage once the search is done
        ThreadLocal<float[]> rowCopies = ThreadLocal.withInitial(() -> new float[n]);
        try (FloatProducts.Blocks blocks = products.against(references)) {
            for (int q0 = 0, q1; q0 < m; q0 = q1) {
                int first = upper ? q0 : 0;
                int width = n - first;
                int block0 = q0;
                q1 = Math.min(m, q0 + rowsPerBlock(width));
                FloatBuffer block = blocks.multiply(queries, q0, q1, first);
                parallel(q0, q1, i -> {
                    // One bulk copy, then array reads: reading a direct buffer element by element
                    // costs a bounds and a memory-scope check per value, the scan's own cost.
                    float[] row = rowCopies.get();
                    block.get((i - block0) * width, row, 0, width);
                    pass.row(i, row, first);
                });
                if (after != null) {
                    after.block(q0, q1, block);
                }
            }
        }
    }

    /**
     * Tasks [from, to) in parallel, returning only when every task is done, also when one fails: a
     * block's products may be native memory, freed when the caller moves on.
     */
    private static void parallel(int from, int to, IntConsumer row) {
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
        /** Each row's {@link FloatPretest#side} with nothing carried, or null without a pretest. */
        final float[] sides;
        private final double slack;
        private final double halfUnderflow;

        Ends(double[] norms, int columns, boolean pretest) {
            this.norms = norms;
            this.slack = ProductScreen.slack(columns);
            this.halfUnderflow = ProductScreen.underflowSlack(columns) / 2;
            low = new double[norms.length];
            high = new double[norms.length];
            for (int j = 0; j < norms.length; j++) {
                low[j] = lowEnd(norms[j]);
                high[j] = highEnd(norms[j]);
            }
            sides = pretest ? FloatPretest.sides(low, norms, null) : null;
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
     * distance is taken, exactly, among those still within the final reach. The reach only shrinks,
     * so whichever order the pairs come in, every pair within the final reach was a candidate and
     * the k smallest high ends are the same: the answer does not depend on the order.
     */
    private static final class Nearest {
        private final FeatureMatrix centres;
        private final Ends ends;
        private final int i;
        private final int k;
        /** Every row's reach, this row's at {@code i}: read by the column scans without a visit here. */
        private final double[] reach;
        /** Every row's pretest side carrying its reach, or null without a pretest. */
        private final float[] reachSides;
        private double[] high;
        private int[] candidates;
        private double[] candidateLow;
        private int size;

        Nearest(FeatureMatrix centres, Ends ends, int i, int k, double[] reach, float[] reachSides) {
            this.centres = centres;
            this.ends = ends;
            this.i = i;
            this.k = k;
            this.reach = reach;
            this.reachSides = reachSides;
        }

        /** Rows [from, to), their products with this one at {@code products[j − base]}. */
        void scan(float[] products, int base, int from, int to) {
            double[] low = ends.low;
            double qLow = low[i];
            double qHigh = ends.high[i];
            double within = reach[i];
            float side = rowSide();
            for (int s0 = from; s0 < to; s0 += FloatPretest.STRETCH) {
                int s1 = Math.min(to, s0 + FloatPretest.STRETCH);
                if (!FloatPretest.any(products, base, ends.sides, s0, s1, side)) {
                    continue;
                }
                for (int j = s0; j < s1; j++) {
                    double twice = 2.0 * products[j - base];
                    double l = qLow + low[j] - twice;
                    if (l <= within) {
                        within(j, l, qHigh + ends.high[j] - twice);
                        within = reach[i];
                        side = rowSide();
                    }
                }
            }
        }

        /** This row's pretest side carrying its reach, kept by {@link #within}. */
        private float rowSide() {
            return reachSides == null ? 0 : reachSides[i];
        }

        void within(int j, double low, double highEnd) {
            if (high == null) {
                high = new double[k];
                Arrays.fill(high, Double.POSITIVE_INFINITY);
                candidates = new int[k + 8];
                candidateLow = new double[k + 8];
            }
            if (size == candidates.length) {
                candidates = Arrays.copyOf(candidates, 2 * size);
                candidateLow = Arrays.copyOf(candidateLow, 2 * size);
            }
            candidates[size] = j;
            candidateLow[size++] = low;
            if (highEnd < high[k - 1]) {
                ExactNeighbours.insertSorted(high, k, highEnd);
                reach[i] = Math.max(0, high[k - 1]);
                if (reachSides != null) {
                    reachSides[i] = FloatPretest.side(ends.low[i], ends.norms[i], reach[i]);
                }
            }
        }

        double kthSquared() {
            double[] exact = new double[k];
            Arrays.fill(exact, Double.POSITIVE_INFINITY);
            double qn = ends.norms[i];
            double last = reach[i];
            for (int c = 0; c < size; c++) {
                if (candidateLow[c] <= last) {
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
