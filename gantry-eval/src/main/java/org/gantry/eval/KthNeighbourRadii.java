package org.gantry.eval;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

/**
 * Balls around the rows of a feature set, each reaching to the row's k-th nearest other row: the
 * k-NN estimate of the set's manifold used by precision/recall (Kynkäänniemi et al. 2019) and
 * density/coverage (Naeem et al. 2020). Computed once per set and reused: the real set's balls serve
 * every evaluation against it.
 *
 * <p>Distances are Euclidean. "Other" is by index: a duplicate of a row is a neighbour at distance 0,
 * as in the reference implementations (which take the (k+1)-th smallest distance including the row
 * itself). Ties need no rule for the radius, which is a distance, not a row. A row with a NaN value is
 * no one's neighbour and its own radius is infinite, but nothing is ever inside its ball.
 *
 * <p>Work runs in blocks of query rows against tiles of the other set, {@code blockSize} rows each, in
 * parallel over query blocks; memory is O(blockSize²) per block, never O(n²).
 *
 * <p>The centre matrix is held, not copied: do not change its values afterwards.
 */
public final class KthNeighbourRadii {
    public static final int DEFAULT_BLOCK_SIZE = 256;

    private final FeatureMatrix centres;
    private final double[] centreNorms;
    private final int k;
    private final double[] squaredRadii;
    private final int blockSize;

    private KthNeighbourRadii(FeatureMatrix centres, double[] centreNorms, int k, double[] squaredRadii, int blockSize) {
        this.centres = centres;
        this.centreNorms = centreNorms;
        this.k = k;
        this.squaredRadii = squaredRadii;
        this.blockSize = blockSize;
    }

    public static KthNeighbourRadii of(FeatureMatrix centres, int k) {
        return of(centres, k, DEFAULT_BLOCK_SIZE);
    }

    public static KthNeighbourRadii of(FeatureMatrix centres, int k, int blockSize) {
        int n = centres.rows();
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("k must be in [1, " + (n - 1) + "] for " + n + " rows, got " + k);
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be positive, got " + blockSize);
        }
        double[] norms = RowDotProducts.squaredNorms(centres);
        int width = Math.min(n, blockSize);
        double[] squaredRadii = new double[n];
        IntStream.range(0, SquaredDistances.blockCount(n, blockSize)).parallel().forEach(block -> {
            int q0 = block * blockSize;
            int q1 = Math.min(n, q0 + blockSize);
            SquaredDistances distances = new SquaredDistances(centres, norms, centres, norms, width);
            double[][] tile = new double[q1 - q0][width];
            // The k smallest squared distances of each query row so far, ascending.
            double[] smallest = new double[(q1 - q0) * k];
            Arrays.fill(smallest, Double.POSITIVE_INFINITY);
            for (int r0 = 0; r0 < n; r0 += blockSize) {
                int r1 = Math.min(n, r0 + blockSize);
                distances.tile(q0, q1, r0, r1, tile);
                for (int i = q0; i < q1; i++) {
                    double[] row = tile[i - q0];
                    int base = (i - q0) * k;
                    for (int j = r0; j < r1; j++) {
                        double d2 = row[j - r0];
                        if (j != i && d2 < smallest[base + k - 1]) {
                            insertSorted(smallest, base, k, d2);
                        }
                    }
                }
            }
            for (int i = q0; i < q1; i++) {
                squaredRadii[i] = smallest[(i - q0) * k + k - 1];
            }
        });
        return new KthNeighbourRadii(centres, norms, k, squaredRadii, blockSize);
    }

    /** Drops the largest of the k values at {@code base} and puts {@code value} in its sorted place. */
    private static void insertSorted(double[] values, int base, int k, double value) {
        int p = base + k - 1;
        while (p > base && values[p - 1] > value) {
            values[p] = values[p - 1];
            p--;
        }
        values[p] = value;
    }

    /**
     * Which balls hold each query row, and which query rows each ball holds. A query is inside a ball
     * when its distance to the centre is at most the radius ({@code ≤}, as in Kynkäänniemi et al.'s
     * code; the density/coverage reference code uses {@code <}, which differs only on exact ties, e.g.
     * duplicated samples). The comparison is between squared distances computed the same way as the
     * radii, so a query equal to a centre's k-th neighbour is inside that centre's ball.
     */
    public BallMembership membership(FeatureMatrix queries) {
        if (queries.columns() != centres.columns()) {
            throw new IllegalArgumentException("queries have " + queries.columns() + " features, centres "
                    + centres.columns());
        }
        int m = queries.rows();
        int n = centres.rows();
        double[] queryNorms = RowDotProducts.squaredNorms(queries);
        int width = Math.min(n, blockSize);
        int[] ballsContaining = new int[m];
        int[] nearestCentre = new int[m];
        double[] nearestSquared = new double[m];
        // A ball is hit by queries from many blocks; hits per ball are few (about k per query), so
        // atomic increments cost little and keep memory at O(n).
        AtomicIntegerArray queriesInside = new AtomicIntegerArray(n);
        IntStream.range(0, SquaredDistances.blockCount(m, blockSize)).parallel().forEach(block -> {
            int q0 = block * blockSize;
            int q1 = Math.min(m, q0 + blockSize);
            SquaredDistances distances = new SquaredDistances(queries, queryNorms, centres, centreNorms, width);
            double[][] tile = new double[q1 - q0][width];
            Arrays.fill(nearestCentre, q0, q1, -1);
            Arrays.fill(nearestSquared, q0, q1, Double.POSITIVE_INFINITY);
            for (int r0 = 0; r0 < n; r0 += blockSize) {
                int r1 = Math.min(n, r0 + blockSize);
                distances.tile(q0, q1, r0, r1, tile);
                for (int i = q0; i < q1; i++) {
                    double[] row = tile[i - q0];
                    for (int j = r0; j < r1; j++) {
                        double d2 = row[j - r0];
                        if (d2 <= squaredRadii[j]) {
                            ballsContaining[i]++;
                            queriesInside.incrementAndGet(j);
                        }
                        // Strictly smaller: of equally near centres the first (lowest index) stays.
                        if (d2 < nearestSquared[i]) {
                            nearestSquared[i] = d2;
                            nearestCentre[i] = j;
                        }
                    }
                }
            }
        });
        int[] inside = new int[n];
        for (int j = 0; j < n; j++) {
            inside[j] = queriesInside.get(j);
        }
        double[] nearestDistance = new double[m];
        for (int i = 0; i < m; i++) {
            nearestDistance[i] = Math.sqrt(nearestSquared[i]);
        }
        return new BallMembership(ballsContaining, inside, nearestCentre, nearestDistance);
    }

    public FeatureMatrix centres() {
        return centres;
    }

    public int k() {
        return k;
    }

    public int count() {
        return squaredRadii.length;
    }

    /** Distance from centre {@code i} to its k-th nearest other centre. */
    public double radius(int i) {
        return Math.sqrt(squaredRadii[i]);
    }

    public double[] radii() {
        double[] out = new double[squaredRadii.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.sqrt(squaredRadii[i]);
        }
        return out;
    }
}
