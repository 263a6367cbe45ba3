package org.gantry.eval;

/**
 * A float pretest in front of {@link ScreenedNeighbours}' double tests, run on stretches of a row's
 * products: a stretch where no pair passes it is skipped, and the double tests run, unchanged, on
 * the rest. The pretest never fails a pair its double test would pass, so the searches decide every
 * pair as before; it only costs less per pair (float arithmetic on one array, no branch per pair).
 *
 * <p>Every double test has the form l = (x + y) − 2p ≤ T: x from the query row, y from the
 * reference row (their low ends), p the float product, T ≥ 0 a radius or a reach that belongs to
 * one of the two rows. Moving T to its row's side, it is 2p − y′ ≥ x′ with x′ + y′ = x + y − T.
 * The pretest computes fl(2p − c_j) ≥ θ_i in float, with c_j and θ_i the floats at or below
 * y′ − δ·Y and x′ − δ·X ({@link #side}), where X and Y bound each side's magnitude (|low end| +
 * squared norm + T). The double rounding of l is within 3u(|x| + |y| + 2|p|), below 3.1u (X + Y)
 * since 2|p| ≤ (1 + γ_n)(‖q‖² + ‖r‖²) plus a few multiples of 2⁻¹²⁶; so l ≤ T makes the exact
 * 2p − c_j at least θ_i, with δ = 2⁻²⁰ per side to spare, which also covers the rounding of
 * computing the sides. The float subtraction then needs nothing: θ_i is a float and rounding is
 * monotone, so fl(2p − c_j) ≥ θ_i too (Java keeps subnormals). The absolute term is only a
 * safety floor.
 *
 * <p>It applies when every squared norm is at most {@value #LARGEST_NORM}: the sides and their
 * differences then stay far inside float's range.
 */
final class FloatPretest {
    /** Pairs per stretch: a stretch's products and column values stay in a few cache lines. */
    static final int STRETCH = 64;
    private static final double LARGEST_NORM = 1e30;
    private static final double MARGIN = 0x1p-20;
    private static final double ABSOLUTE = 0x1p-126;

    private FloatPretest() {}

    /** Whether rows with these squared norms can be pretested. */
    static boolean applies(double[] norms) {
        for (double n : norms) {
            if (!(n <= LARGEST_NORM)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The side of a row with low end {@code low} and squared norm {@code norm}, carrying the test's
     * {@code t} when it is that row's (else 0): the float at or below low − t − δ (|low| + norm + t).
     * An infinite t (every pair passes) gives −∞.
     */
    static float side(double low, double norm, double t) {
        double z = low - t - MARGIN * (Math.abs(low) + norm + t) - ABSOLUTE;
        float f = (float) z;
        return f > z ? Math.nextDown(f) : f;
    }

    /** {@link #side} of every reference row j, carrying {@code t[j]}, or 0 where {@code t} is null. */
    static float[] sides(double[] low, double[] norms, double[] t) {
        float[] out = new float[low.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = side(low[j], norms[j], t == null ? 0 : t[j]);
        }
        return out;
    }

    /**
     * Whether any j in [from, to) has fl(2 products[j − base] − column[j]) ≥ threshold; always
     * when {@code column} is null (no pretest).
     */
    static boolean any(float[] products, int base, float[] column, int from, int to, float threshold) {
        if (column == null) {
            return true;
        }
        int hits = 0;
        for (int j = from; j < to; j++) {
            hits += 2 * products[j - base] - column[j] >= threshold ? 1 : 0;
        }
        return hits > 0;
    }
}
