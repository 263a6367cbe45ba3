package org.gantry.eval;

import java.nio.FloatBuffer;

/**
 * Dot products between rows of two feature matrices in single precision: the fast first pass of
 * the nearest-neighbour searches ({@link KthNeighbourRadii}), which then recompute in double only the
 * pairs whose order the float values cannot settle. An engine can offer a faster implementation
 * through {@link java.util.ServiceLoader}; without one, {@link JavaFloatProducts} is used.
 *
 * <p>Contract: each product may be summed in any order, with or without fused multiply-add, but in
 * float arithmetic on the float inputs, so that it lies within γ_n Σ_k |a_ik b_jk| + 2n 2⁻¹²⁶ of
 * the exact value, with γ_n = n u / (1 − n u), u = 2⁻²⁴ and n the number of columns (Higham,
 * "Accuracy and Stability of Numerical Algorithms", §3.1). The second term is underflow: a product
 * or partial sum below float's smallest normal number, 2⁻¹²⁶, loses up to 2⁻¹⁵⁰ as a subnormal, or
 * all of itself where the hardware flushes subnormal results to zero. The searches rely on that bound to stay exact;
 * nothing else about the rounding matters, so every implementation gives the searches the same
 * answers.
 */
public interface FloatProducts {
    /** Products against every row of {@code b}, prepared once for many blocks of other rows. */
    Blocks against(FeatureMatrix b);

    /** A short name for reports: what computes the products. */
    String name();

    /** The implementation a registered engine offers, else the plain-Java one. */
    static FloatProducts fastest() {
        return FastestProducts.INSTANCE;
    }

    /** The plain-Java implementation, for an engine's products to fall back on where they cannot work. */
    static FloatProducts plainJava() {
        return new JavaFloatProducts();
    }

    /** Blocks of products against one matrix's rows. Used from one thread; close it to free its memory. */
    interface Blocks extends AutoCloseable {
        /**
         * Products of rows [a0, a1) of {@code a} with every row j of the prepared matrix, at index
         * {@code (i − a0) · rows + j}, using the machine's cores. The buffer may be native memory: it is
         * valid until the next call or {@link #close}, and must not be read after.
         */
        default FloatBuffer multiply(FeatureMatrix a, int a0, int a1) {
            return multiply(a, a0, a1, 0);
        }

        /**
         * As {@link #multiply(FeatureMatrix, int, int)}, with only rows [b0, rows) of the prepared
         * matrix, at index {@code (i − a0) · (rows − b0) + (j − b0)}: a product of a set with itself
         * needs only the pairs on and above the diagonal.
         */
        FloatBuffer multiply(FeatureMatrix a, int a0, int a1, int b0);

        /**
         * The operand checks every implementation makes: {@code a}'s rows as long as the prepared
         * matrix's ({@code columns}), and {@code b0} one of its {@code rows} rows.
         */
        static void checkOperands(FeatureMatrix a, int b0, int columns, int rows) {
            if (a.columns() != columns) {
                throw new IllegalArgumentException("rows of " + a.columns() + " and " + columns
                        + " features cannot be multiplied");
            }
            if (b0 < 0 || b0 >= rows) {
                throw new IllegalArgumentException("first row " + b0 + " is not one of the " + rows + " prepared rows");
            }
        }

        @Override
        void close();
    }
}
