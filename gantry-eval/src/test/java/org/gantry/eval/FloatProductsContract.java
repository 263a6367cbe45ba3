package org.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;

/**
 * The {@link FloatProducts} contract, checked against products summed in double: each float product
 * within γ_n Σ|a_k b_k| of the exact value. Shared by every implementation's test.
 */
final class FloatProductsContract {
    private FloatProductsContract() {}

    /** Rows [a0, a1) of a against every row of b, every product within the contract's bound. */
    static void check(FloatProducts.Blocks blocks, FeatureMatrix a, int a0, int a1, FeatureMatrix b) {
        check(blocks, a, a0, a1, b, 0);
    }

    /** Rows [a0, a1) of a against rows [b0, rows) of b, every product within the contract's bound. */
    static void check(FloatProducts.Blocks blocks, FeatureMatrix a, int a0, int a1, FeatureMatrix b, int b0) {
        int d = a.columns();
        int width = b.rows() - b0;
        FloatBuffer out = blocks.multiply(a, a0, a1, b0);
        assertThat(out.remaining()).isGreaterThanOrEqualTo((a1 - a0) * width);
        double gamma = d * 0x1p-24 / (1 - d * 0x1p-24);
        for (int i = a0; i < a1; i++) {
            for (int j = 0; j < width; j++) {
                double[] sums = sums(a, i, b, b0 + j);
                double exact = sums[0];
                double absolute = sums[1];
                double error = Math.abs(out.get((i - a0) * width + j) - exact);
                assertThat(error).as("product (%d, %d) of %d columns", i, b0 + j, d).isLessThanOrEqualTo(gamma * absolute + 2 * d * 0x1p-126);
            }
        }
    }

    /**
     * Σ_k a_ik b_jk and Σ_k |a_ik b_jk| in double: products of two floats are exact in double, so the
     * first is within about 1e-16 relative of the true product.
     */
    static double[] sums(FeatureMatrix a, int i, FeatureMatrix b, int j) {
        double exact = 0;
        double absolute = 0;
        for (int k = 0; k < a.columns(); k++) {
            double p = (double) a.get(i, k) * b.get(j, k);
            exact += p;
            absolute += Math.abs(p);
        }
        return new double[] {exact, absolute};
    }
}
