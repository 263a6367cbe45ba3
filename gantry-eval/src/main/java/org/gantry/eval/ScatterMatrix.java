package org.gantry.eval;

import java.util.stream.IntStream;

/**
 * The scatter matrix Σ_r (x_r − μ)(x_r − μ)ᵀ of feature rows about a given mean, in double. The
 * rows are centred first, so no E[xxᵀ] − μμᵀ cancellation, and summed a chunk of rows at a time:
 * each chunk is centred into a transposed double buffer (one contiguous line per feature), and the
 * upper triangle of its Gram matrix is added in 4 x 4 register blocks, in parallel over blocks of
 * feature rows. Memory beyond the d x d result is one chunk, d x {@value #CHUNK} doubles.
 */
final class ScatterMatrix {
    /** Rows per chunk: the transposed chunk stays in cache for d up to a few thousand. */
    private static final int CHUNK = 256;

    private ScatterMatrix() {}

    /** The scatter matrix, d x d row-major and exactly symmetric. */
    static double[] of(FeatureMatrix x, double[] mean) {
        int n = x.rows();
        int d = x.columns();
        // Features padded with zero lines to whole 4-line blocks, so the kernel has no edge cases.
        int padded = (d + 3) / 4 * 4;
        double[] upper = new double[padded * padded];
        double[] chunk = new double[padded * CHUNK];
        float[] values = x.values();
        for (int r0 = 0; r0 < n; r0 += CHUNK) {
            int rows = Math.min(CHUNK, n - r0);
            for (int r = 0; r < rows; r++) {
                int base = (r0 + r) * d;
                for (int f = 0; f < d; f++) {
                    chunk[f * CHUNK + r] = values[base + f] - mean[f];
                }
            }
            IntStream.range(0, padded / 4).parallel().forEach(block -> addUpperRows(chunk, rows, block * 4, padded, upper));
        }
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                out[i * d + j] = upper[i * padded + j];
                out[j * d + i] = upper[i * padded + j];
            }
        }
        return out;
    }

    /** Adds the products of feature lines i..i+3 with every line j ≥ i (in blocks of 4) over the chunk's rows. */
    private static void addUpperRows(double[] chunk, int rows, int i, int padded, double[] upper) {
        int ia = i * CHUNK, ib = ia + CHUNK, ic = ib + CHUNK, id = ic + CHUNK;
        for (int j = i; j < padded; j += 4) {
            int ja = j * CHUNK, jb = ja + CHUNK, jc = jb + CHUNK, jd = jc + CHUNK;
            double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
            double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
            for (int r = 0; r < rows; r++) {
                double x0 = chunk[ia + r], x1 = chunk[ib + r], x2 = chunk[ic + r], x3 = chunk[id + r];
                double y0 = chunk[ja + r], y1 = chunk[jb + r], y2 = chunk[jc + r], y3 = chunk[jd + r];
                s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
                s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
                s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
                s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
            }
            int o = i * padded + j;
            upper[o] += s00; upper[o + 1] += s01; upper[o + 2] += s02; upper[o + 3] += s03;
            o += padded;
            upper[o] += s10; upper[o + 1] += s11; upper[o + 2] += s12; upper[o + 3] += s13;
            o += padded;
            upper[o] += s20; upper[o + 1] += s21; upper[o + 2] += s22; upper[o + 3] += s23;
            o += padded;
            upper[o] += s30; upper[o + 1] += s31; upper[o + 2] += s32; upper[o + 3] += s33;
        }
    }
}
