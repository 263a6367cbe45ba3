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
        int d = a.columns();
        int width = b.rows();
        FloatBuffer out = blocks.multiply(a, a0, a1);
        assertThat(out.remaining()).isGreaterThanOrEqualTo((a1 - a0) * width);
        double gamma = d * 0x1p-24 / (1 - d * 0x1p-24);
        for (int i = a0; i < a1; i++) {
            for (int j = 0; j < width; j++) {
                // Products of two floats are exact in double; this double sum is within ~1e-16 relative.
                double exact = 0;
                double absolute = 0;
                for (int k = 0; k < d; k++) {
                    double p = (double) a.get(i, k) * b.get(j, k);
                    exact += p;
                    absolute += Math.abs(p);
                }
                double error = Math.abs(out.get((i - a0) * width + j) - exact);
                assertThat(error).as("product (%d, %d) of %d columns", i, j, d).isLessThanOrEqualTo(gamma * absolute + 2 * d * 0x1p-126);
            }
        }
    }
}
