package org.gantry.eval;

import java.util.stream.IntStream;

/**
 * Kernel Inception Distance (Bińkowski et al. 2018, "Demystifying MMD GANs"): the unbiased
 * estimate of the squared maximum mean discrepancy between real and generated features under the
 * cubic polynomial kernel k(a, b) = (aᵀb / d + 1)³, d the feature dimension. Unlike FID it has an
 * unbiased estimator, so values from different sample counts are comparable and two samples of one
 * distribution give 0 on average (single values may be negative).
 *
 * <p>Computed over blocks, as the reference does with subsets, and reported as mean and sample
 * standard deviation over blocks. Blocks are consecutive and deterministic (the caller shuffles or
 * samples): the first min(n_real, n_generated) rows of each set are cut into
 * ceil(min / blockSize) consecutive blocks of equal size (±1, at most blockSize), and real block i is
 * paired with generated block i. Rows beyond the smaller count are not used. In a block of m pairs:
 * <pre>
 *   MMD² = 1/(m(m−1)) Σ_{i≠j} k(x_i, x_j) + 1/(m(m−1)) Σ_{i≠j} k(y_i, y_j) − 2/m² Σ_{i,j} k(x_i, y_j)
 * </pre>
 */
public final class KernelDistance {
    public static final int DEFAULT_BLOCK_SIZE = 1000;
    /** Rows per side of the dot-product tiles a block is summed over: bounds memory at TILE² doubles. */
    private static final int TILE = 256;

    private KernelDistance() {}

    public static MeanStd between(FeatureMatrix real, FeatureMatrix generated) {
        return between(real, generated, DEFAULT_BLOCK_SIZE);
    }

    public static MeanStd between(FeatureMatrix real, FeatureMatrix generated, int blockSize) {
        if (real.columns() != generated.columns()) {
            throw new IllegalArgumentException("real features have " + real.columns() + " columns, generated "
                    + generated.columns());
        }
        if (blockSize < 2) {
            throw new IllegalArgumentException("block size must be at least 2, got " + blockSize);
        }
        int n = Math.min(real.rows(), generated.rows());
        int blocks = (n + blockSize - 1) / blockSize;
        if (blocks == 0 || n / blocks < 2) {
            throw new IllegalArgumentException("the kernel distance needs at least 2 samples per block: " + n
                    + " samples in blocks of at most " + blockSize);
        }
        double[] values = new double[blocks];
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = (int) ((long) b * n / blocks);
            int to = (int) ((long) (b + 1) * n / blocks);
            values[b] = unbiasedMmd2(real, generated, from, to);
        });
        return MeanStd.of(values);
    }

    private static double unbiasedMmd2(FeatureMatrix x, FeatureMatrix y, int from, int to) {
        double m = to - from;
        double xx = kernelSum(x, x, from, to, true);
        double yy = kernelSum(y, y, from, to, true);
        double xy = kernelSum(x, y, from, to, false);
        return (xx + yy) / (m * (m - 1)) - 2 * xy / (m * m);
    }

    /** Σ k(a_i, b_j) over i, j in [from, to), without i = j when {@code offDiagonal}. */
    private static double kernelSum(FeatureMatrix a, FeatureMatrix b, int from, int to, boolean offDiagonal) {
        int d = a.columns();
        int width = Math.min(TILE, to - from);
        RowDotProducts products = new RowDotProducts(width);
        double[][] tile = new double[width][width];
        double sum = 0;
        for (int i0 = from; i0 < to; i0 += TILE) {
            int i1 = Math.min(to, i0 + TILE);
            for (int j0 = from; j0 < to; j0 += TILE) {
                int j1 = Math.min(to, j0 + TILE);
                products.compute(a.values(), i0, i1, b.values(), j0, j1, d, tile);
                for (int i = i0; i < i1; i++) {
                    double[] row = tile[i - i0];
                    for (int j = j0; j < j1; j++) {
                        if (!offDiagonal || i != j) {
                            double t = row[j - j0] / d + 1;
                            sum += t * t * t;
                        }
                    }
                }
            }
        }
        return sum;
    }
}
