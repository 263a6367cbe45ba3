package org.gantry.eval;

/**
 * How far a squared distance computed from float products ({@link FloatProducts}) can be from the
 * one the exact search computes, ‖q‖² + ‖r‖² − 2 qᵀr with the double products of
 * {@link RowDotProducts}, both before clamping at 0. With S = Σ_k |q_k r_k| ≤ ‖q‖‖r‖ ≤ (‖q‖² + ‖r‖²)/2:
 * the float product is within γ_n S of the true one (the contract), the double one within
 * γ_n(double) S, and each expansion adds at most about 4u(double)(‖q‖² + ‖r‖²) of its own
 * rounding. So the two expansions differ by at most
 * <pre>  (γ_n + γ_n(double) + 8u(double)) (‖q‖² + ‖r‖²),</pre>
 * and the screen uses twice that slack, which also covers the rounding of its own arithmetic
 * (of numbers of the same size). Underflow adds an absolute term: the contract's 2n 2⁻¹²⁶ per float
 * product, twice over in the distance, doubled again like the rest ({@link #underflowSlack}). Only pairs
 * within the slack of a radius are recomputed.
 *
 * <p>The screen needs every value finite, no subnormal input (which hardware set to treat them as
 * zero would drop), and no product near float's range (where a float sum could overflow though the
 * double one does not); {@link #applies} says when, and otherwise the search runs exactly
 * throughout.
 */
final class ProductScreen {
    /** Largest ‖q‖ ‖r‖ screened: far below Float.MAX_VALUE, so no float partial sum can overflow. */
    private static final double LARGEST_PRODUCT = 1e36;

    private ProductScreen() {}

    /** Most rows a screened set may have: a block of 16 rows of products must fit one buffer. */
    static final int MAX_ROWS = Integer.MAX_VALUE / Float.BYTES / 16;

    /** The slack per unit of ‖q‖² + ‖r‖² for rows of {@code columns} values. */
    static double slack(int columns) {
        return 2 * (gamma(columns, 0x1p-24) + gamma(columns, 0x1p-53) + 8 * 0x1p-53);
    }

    /** The absolute slack per pair for rows of {@code columns} values: underflow's share. */
    static double underflowSlack(int columns) {
        return 2 * 2 * 2 * columns * 0x1p-126;
    }

    private static double gamma(int n, double u) {
        return n * u / (1 - n * u);
    }

    /** Whether both matrices, with these squared row norms, can be screened. */
    static boolean applies(FeatureMatrix a, double[] aNorms, FeatureMatrix b, double[] bNorms) {
        double aMax = finiteMax(a, aNorms);
        double bMax = finiteMax(b, bNorms);
        return aMax >= 0 && bMax >= 0 && Math.sqrt(aMax) * Math.sqrt(bMax) <= LARGEST_PRODUCT
                && a.columns() * 0x1p-24 < 0.01 && a.rows() <= MAX_ROWS && b.rows() <= MAX_ROWS;
    }

    /** The largest squared norm, or −1 when any value is NaN, infinite or subnormal. */
    private static double finiteMax(FeatureMatrix m, double[] norms) {
        for (float v : m.values()) {
            if (!Float.isFinite(v) || (v != 0 && Math.abs(v) < Float.MIN_NORMAL)) {
                return -1;
            }
        }
        double max = 0;
        for (double n : norms) {
            max = Math.max(max, n);
        }
        return Double.isFinite(max) ? max : -1;
    }
}
