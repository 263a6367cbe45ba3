package org.gantry.eval;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * The Fréchet distance between two Gaussians (Dowson and Landau 1982), on the statistics of
 * real and generated features: FID (Heusel et al. 2017, "GANs Trained by a Two Time-Scale Update
 * Rule Converge to a Local Nash Equilibrium") when the features are Inception's.
 * <pre>
 *   d² = ‖μa − μb‖² + Tr(Ca) + Tr(Cb) − 2 Tr((Ca Cb)^½)
 * </pre>
 * Ca Cb is not symmetric, so its square root is not taken directly: it is similar to
 * sqrt(Ca) Cb sqrt(Ca), which is symmetric positive semi-definite, so
 * Tr((Ca Cb)^½) = Σ sqrt(λ_i(sqrt(Ca) Cb sqrt(Ca))), computed with symmetric eigen-decompositions
 * only: real eigenvalues, and no NaN or complex parts for singular covariances (fewer samples than
 * features). The estimate from n samples is biased upwards; compare values at equal sample counts.
 */
public final class FrechetDistance {
    private static final double EPSILON = Math.ulp(1.0);

    private FrechetDistance() {}

    /**
     * The distance between {@code a} and {@code b}; symmetric up to rounding. sqrt(Ca) is kept in
     * {@code a}, so pass the statistics you reuse (the real data's) first. NaN when either set of
     * statistics is not finite.
     *
     * <p>A result below 0 is set to 0 when it lies within rounding: eigenvalues of the product that are
     * truly 0 come out as ± d·ε·λmax, and each adds up to sqrt(d·ε·λmax) to the square-root trace, so
     * the tolerance is 2·d·sqrt(d·ε·λmax) plus d·ε times the size of the terms. A larger negative value is
     * returned as it is: it means the covariances are not positive semi-definite.
     */
    public static double between(GaussianStatistics a, GaussianStatistics b) {
        int d = a.dimension();
        if (b.dimension() != d) {
            throw new IllegalArgumentException("statistics of " + d + " and " + b.dimension() + " features");
        }
        if (!a.isFinite() || !b.isFinite()) {
            return Double.NaN;
        }
        double[] ma = a.mean();
        double[] mb = b.mean();
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            meanTerm += (ma[i] - mb[i]) * (ma[i] - mb[i]);
        }
        double traces = a.trace() + b.trace();

        DMatrixRMaj rootA = a.covarianceSquareRoot();
        DMatrixRMaj left = new DMatrixRMaj(d, d);
        CommonOps_MT_DDRM.mult(rootA, b.covarianceMatrix(), left);
        DMatrixRMaj product = new DMatrixRMaj(d, d);
        CommonOps_MT_DDRM.mult(left, rootA, product);
        symmetrise(product);

        double traceOfRoot = 0;
        double largest = 0;
        for (double lambda : SymmetricEigen.eigenvalues(product)) {
            if (lambda > 0) {
                traceOfRoot += Math.sqrt(lambda);
                largest = Math.max(largest, lambda);
            }
        }
        double distance = meanTerm + traces - 2 * traceOfRoot;
        if (distance < 0) {
            double rounding = 2 * d * Math.sqrt(d * EPSILON * largest) + d * EPSILON * (meanTerm + traces);
            if (-distance <= rounding) {
                return 0;
            }
        }
        return distance;
    }

    /** (M + Mᵀ)/2: the product is symmetric in exact arithmetic; rounding must not make the eigen-solver see otherwise. */
    private static void symmetrise(DMatrixRMaj m) {
        int d = m.numRows;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double v = (m.unsafe_get(i, j) + m.unsafe_get(j, i)) / 2;
                m.unsafe_set(i, j, v);
                m.unsafe_set(j, i, v);
            }
        }
    }
}
