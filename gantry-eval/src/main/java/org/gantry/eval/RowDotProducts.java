package org.gantry.eval;

import java.util.Arrays;

/**
 * Dot products between rows of two row-major float matrices, accumulated in double, a tile of rows
 * at a time. One instance holds the work space of one thread.
 *
 * <p>Each pair's products are exact in double and are added in column order starting from 0, exactly
 * as {@link #dot} adds them, so the same pair of rows gives the same bits wherever it is computed
 * (either operand order, in a tile or as a norm). The nearest-neighbour code relies on that: a row's
 * distance to an identical row is exactly 0, and a distance compared with a radius is the very
 * number the radius was taken from.
 *
 * <p>The inner loop is an axpy over a transposed tile of the second matrix, out_i += a_ik · bᵀ_k,
 * written over whole arrays from index 0 so the JIT vectorises it (an indexed-offset form and a
 * scalar 4 x 4 register block both measured about half as fast), four rows of the first matrix per
 * pass so each loaded tile value serves four products.
 */
final class RowDotProducts {
    /** Columns per pass: the transposed tile, DEPTH x width doubles, stays in L2 (256 KB at width 256). */
    private static final int DEPTH = 128;

    private final double[][] transposed;

    /** Work space for tiles of up to {@code maxWidth} rows of the second matrix. */
    RowDotProducts(int maxWidth) {
        transposed = new double[DEPTH][maxWidth];
    }

    /**
     * {@code out[i - a0][j - b0] = a_i · b_j} for rows i in [a0, a1) of {@code a} and j in [b0, b1) of {@code b},
     * both with {@code columns} values per row; b1 − b0 must not exceed the width given at construction.
     */
    void compute(float[] a, int a0, int a1, float[] b, int b0, int b1, int columns, double[][] out) {
        int width = b1 - b0;
        for (int i = a0; i < a1; i++) {
            Arrays.fill(out[i - a0], 0, width, 0.0);
        }
        for (int k0 = 0; k0 < columns; k0 += DEPTH) {
            int depth = Math.min(DEPTH, columns - k0);
            for (int j = 0; j < width; j++) {
                int base = (b0 + j) * columns + k0;
                for (int k = 0; k < depth; k++) {
                    transposed[k][j] = b[base + k];
                }
            }
            int i = a0;
            for (; i + 4 <= a1; i += 4) {
                double[] o0 = out[i - a0], o1 = out[i - a0 + 1], o2 = out[i - a0 + 2], o3 = out[i - a0 + 3];
                int r0 = i * columns + k0, r1 = r0 + columns, r2 = r1 + columns, r3 = r2 + columns;
                for (int k = 0; k < depth; k++) {
                    addScaled4(o0, a[r0 + k], o1, a[r1 + k], o2, a[r2 + k], o3, a[r3 + k], transposed[k], width);
                }
            }
            for (; i < a1; i++) {
                double[] o = out[i - a0];
                int r = i * columns + k0;
                for (int k = 0; k < depth; k++) {
                    addScaled(o, a[r + k], transposed[k], width);
                }
            }
        }
    }

    private static void addScaled(double[] out, double s, double[] row, int width) {
        for (int j = 0; j < width; j++) {
            out[j] += s * row[j];
        }
    }

    private static void addScaled4(double[] o0, double s0, double[] o1, double s1, double[] o2, double s2, double[] o3,
            double s3, double[] row, int width) {
        for (int j = 0; j < width; j++) {
            double v = row[j];
            o0[j] += s0 * v;
            o1[j] += s1 * v;
            o2[j] += s2 * v;
            o3[j] += s3 * v;
        }
    }

    /** Squared Euclidean norm of every row, summed exactly as {@link #compute} sums a row with itself. */
    static double[] squaredNorms(FeatureMatrix m) {
        double[] out = new double[m.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dot(m.values(), i * m.columns(), m.values(), i * m.columns(), m.columns());
        }
        return out;
    }

    static double dot(float[] a, int aOffset, float[] b, int bOffset, int columns) {
        double s = 0;
        for (int k = 0; k < columns; k++) {
            s += (double) a[aOffset + k] * b[bOffset + k];
        }
        return s;
    }
}
