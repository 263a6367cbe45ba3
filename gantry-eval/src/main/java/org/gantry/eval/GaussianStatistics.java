package org.gantry.eval;

import org.ejml.data.DMatrixRMaj;

/**
 * Mean and unbiased covariance (divisor n − 1) of a set of feature rows: all the Fréchet distance
 * needs of a set, so the real data's statistics are computed once and reused for every evaluation.
 * Immutable; the covariance's square root, needed when these statistics are the first argument of
 * {@link FrechetDistance#between}, is computed on first use and kept.
 *
 * <p>Computed in double: the mean first, then the scatter of the centred rows ({@link ScatterMatrix}),
 * which avoids the cancellation of E[xxᵀ] − μμᵀ when features have a large common offset.
 */
public final class GaussianStatistics {
    /** Largest asymmetry |c_ij − c_ji| accepted in a given covariance, relative to its largest entry. */
    private static final double SYMMETRY_TOLERANCE = 1e-9;

    private final double[] mean;
    private final DMatrixRMaj covariance;
    private final int count;
    private final boolean finite;
    private volatile DMatrixRMaj covarianceSquareRoot;

    private GaussianStatistics(double[] mean, DMatrixRMaj covariance, int count) {
        this.mean = mean;
        this.covariance = covariance;
        this.count = count;
        boolean allFinite = true;
        for (double v : mean) {
            allFinite &= Double.isFinite(v);
        }
        for (double v : covariance.data) {
            allFinite &= Double.isFinite(v);
        }
        this.finite = allFinite;
    }

    /** The statistics of the rows of {@code features} (at least 2). NaN features give NaN statistics. */
    public static GaussianStatistics of(FeatureMatrix features) {
        int n = features.rows();
        int d = features.columns();
        if (n < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 samples, got " + n);
        }
        double[] mean = new double[d];
        float[] values = features.values();
        for (int r = 0; r < n; r++) {
            for (int f = 0; f < d; f++) {
                mean[f] += values[r * d + f];
            }
        }
        for (int f = 0; f < d; f++) {
            mean[f] /= n;
        }
        double[] scatter = ScatterMatrix.of(features, mean);
        for (int i = 0; i < scatter.length; i++) {
            scatter[i] /= n - 1;
        }
        return new GaussianStatistics(mean, DMatrixRMaj.wrap(d, d, scatter), n);
    }

    /**
     * Statistics given directly, e.g. read back from a cache or published for a data set. The
     * covariance must be symmetric up to rounding; it is made exactly symmetric.
     */
    public static GaussianStatistics of(double[] mean, double[][] covariance, int count) {
        int d = mean.length;
        if (d < 1 || covariance.length != d) {
            throw new IllegalArgumentException("a mean of length " + d + " needs a " + d + " x " + d + " covariance");
        }
        if (count < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 samples, got " + count);
        }
        DMatrixRMaj c = new DMatrixRMaj(d, d);
        double largest = 0;
        for (int i = 0; i < d; i++) {
            if (covariance[i].length != d) {
                throw new IllegalArgumentException("covariance row " + i + " has " + covariance[i].length + " values, not " + d);
            }
            for (int j = 0; j < d; j++) {
                double v = covariance[i][j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("covariance[" + i + "][" + j + "] is " + v);
                }
                largest = Math.max(largest, Math.abs(v));
            }
        }
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(mean[i])) {
                throw new IllegalArgumentException("mean[" + i + "] is " + mean[i]);
            }
            for (int j = 0; j < d; j++) {
                if (Math.abs(covariance[i][j] - covariance[j][i]) > SYMMETRY_TOLERANCE * largest) {
                    throw new IllegalArgumentException("the covariance is not symmetric: [" + i + "][" + j + "] = "
                            + covariance[i][j] + " but [" + j + "][" + i + "] = " + covariance[j][i]);
                }
                c.unsafe_set(i, j, (covariance[i][j] + covariance[j][i]) / 2);
            }
        }
        return new GaussianStatistics(mean.clone(), c, count);
    }

    public int dimension() {
        return mean.length;
    }

    /** Number of samples the statistics were computed from. */
    public int count() {
        return count;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[][] covariance() {
        int d = mean.length;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(covariance.data, i * d, out[i], 0, d);
        }
        return out;
    }

    public double trace() {
        double t = 0;
        for (int i = 0; i < mean.length; i++) {
            t += covariance.unsafe_get(i, i);
        }
        return t;
    }

    /** Whether every mean and covariance value is finite (false after NaN features). */
    public boolean isFinite() {
        return finite;
    }

    /** The covariance itself: callers in this package only read it. */
    DMatrixRMaj covarianceMatrix() {
        return covariance;
    }

    /** sqrt(C), from the eigen-decomposition of C with negative eigenvalues (rounding) taken as 0. */
    DMatrixRMaj covarianceSquareRoot() {
        DMatrixRMaj root = covarianceSquareRoot;
        if (root == null) {
            // Two threads may both compute it; both get the same matrix, so the race is harmless.
            root = SymmetricEigen.squareRoot(covariance);
            covarianceSquareRoot = root;
        }
        return root;
    }
}
