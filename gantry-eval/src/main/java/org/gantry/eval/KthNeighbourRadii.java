package org.gantry.eval;

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
 * <p>The searches run on float products ({@link FloatProducts#fastest}: a BLAS call when an engine
 * is on the class path) and recompute in double only the pairs the float values cannot decide
 * ({@link ScreenedNeighbours}); the answers are those of the all-double search ({@link ExactNeighbours}),
 * bit for bit, which also takes inputs with NaN or infinite values. Memory is one block of float
 * products (32 MiB or 16 rows) and, for the radii, a few candidates per row; or O(blockSize²) per block
 * in the all-double search.
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
    private final FloatProducts products;

    private KthNeighbourRadii(FeatureMatrix centres, double[] centreNorms, int k, double[] squaredRadii, int blockSize,
            FloatProducts products) {
        this.centres = centres;
        this.centreNorms = centreNorms;
        this.k = k;
        this.squaredRadii = squaredRadii;
        this.blockSize = blockSize;
        this.products = products;
    }

    public static KthNeighbourRadii of(FeatureMatrix centres, int k) {
        return of(centres, k, 0, FloatProducts.fastest());
    }

    /**
     * With {@code blockSize} query rows per block of work: blockSize × (rows of the other set) floats
     * of products, or blockSize² doubles per block in the all-double search, which also tiles the
     * other set by blockSize rows.
     */
    public static KthNeighbourRadii of(FeatureMatrix centres, int k, int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be positive, got " + blockSize);
        }
        return of(centres, k, blockSize, FloatProducts.fastest());
    }

    /**
     * {@code blockSize} 0 chooses; {@code products} null searches all in double, as the screened
     * search must answer (for tests).
     */
    static KthNeighbourRadii of(FeatureMatrix centres, int k, int blockSize, FloatProducts products) {
        int n = centres.rows();
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("k must be in [1, " + (n - 1) + "] for " + n + " rows, got " + k);
        }
        double[] norms = RowDotProducts.squaredNorms(centres);
        double[] squaredRadii = products != null && ProductScreen.applies(centres, norms, centres, norms)
                ? new ScreenedNeighbours(products, blockSize).squaredRadii(centres, norms, k)
                : ExactNeighbours.squaredRadii(centres, norms, k, exactBlock(blockSize));
        return new KthNeighbourRadii(centres, norms, k, squaredRadii, blockSize, products);
    }

    private static int exactBlock(int blockSize) {
        return blockSize > 0 ? blockSize : DEFAULT_BLOCK_SIZE;
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
        double[] queryNorms = RowDotProducts.squaredNorms(queries);
        return products != null && ProductScreen.applies(queries, queryNorms, centres, centreNorms)
                ? new ScreenedNeighbours(products, blockSize).membership(queries, queryNorms, centres, centreNorms,
                        squaredRadii)
                : ExactNeighbours.membership(queries, queryNorms, centres, centreNorms, squaredRadii,
                        exactBlock(blockSize));
    }

    /**
     * {@code other}'s centres in these balls and these centres in {@code other}'s balls, as two
     * {@link #membership} calls would give them, from one pass over the products of the two sets.
     */
    public MutualMembership mutual(KthNeighbourRadii other) {
        if (other.centres.columns() != centres.columns()) {
            throw new IllegalArgumentException("the other set has " + other.centres.columns() + " features, these centres "
                    + centres.columns());
        }
        if (products != null && ProductScreen.applies(other.centres, other.centreNorms, centres, centreNorms)) {
            return new ScreenedNeighbours(products, blockSize).mutual(centres, centreNorms, squaredRadii,
                    other.centres, other.centreNorms, other.squaredRadii);
        }
        return new MutualMembership(membership(other.centres), other.membership(centres));
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
