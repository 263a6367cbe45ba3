package org.gantry.eval;

/**
 * Squared Euclidean distances between query rows and reference rows, one tile at a time, as
 * ‖q‖² + ‖r‖² − 2 qᵀr with double sums over float values ({@link RowDotProducts}). The expansion
 * can come out slightly negative for nearly equal rows; that is rounding, and is set to 0. One
 * instance per thread: it holds the work space.
 */
final class SquaredDistances {
    private final FeatureMatrix queries;
    private final double[] queryNorms;
    private final FeatureMatrix references;
    private final double[] referenceNorms;
    private final RowDotProducts products;

    /** For tiles of up to {@code maxWidth} reference rows. */
    SquaredDistances(FeatureMatrix queries, double[] queryNorms, FeatureMatrix references, double[] referenceNorms,
            int maxWidth) {
        if (queries.columns() != references.columns()) {
            throw new IllegalArgumentException("rows of " + queries.columns() + " and " + references.columns()
                    + " features cannot be compared");
        }
        this.queries = queries;
        this.queryNorms = queryNorms;
        this.references = references;
        this.referenceNorms = referenceNorms;
        this.products = new RowDotProducts(maxWidth);
    }

    /** Distances from queries [q0, q1) to references [r0, r1) into {@code out[i − q0][j − r0]}. */
    void tile(int q0, int q1, int r0, int r1, double[][] out) {
        products.compute(queries.values(), q0, q1, references.values(), r0, r1, queries.columns(), out);
        int width = r1 - r0;
        for (int i = q0; i < q1; i++) {
            double[] row = out[i - q0];
            double qn = queryNorms[i];
            for (int j = 0; j < width; j++) {
                double d2 = qn + referenceNorms[r0 + j] - 2 * row[j];
                row[j] = d2 < 0 ? 0 : d2;
            }
        }
    }

    static int blockCount(int rows, int blockSize) {
        return (rows + blockSize - 1) / blockSize;
    }
}
