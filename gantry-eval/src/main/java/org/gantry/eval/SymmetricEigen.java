package org.gantry.eval;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_MT_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * What the Fréchet distance needs from symmetric eigen-decompositions (EJML's symmetric QR
 * algorithm, whose eigenvalues are real by construction, unlike a general eigen-solver or
 * scipy's sqrtm, which can return complex parts for nearly singular products).
 */
final class SymmetricEigen {
    private SymmetricEigen() {}

    /** Eigenvalues of a symmetric matrix, in no particular order. */
    static double[] eigenvalues(DMatrixRMaj symmetric) {
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(symmetric, false);
        double[] out = new double[eig.getNumberOfEigenvalues()];
        for (int i = 0; i < out.length; i++) {
            out[i] = eig.getEigenvalue(i).getReal();
        }
        return out;
    }

    /**
     * The positive semi-definite square root V diag(sqrt(max(0, λ))) Vᵀ of a symmetric matrix:
     * eigenvalues below 0 can only be rounding for a covariance and are taken as 0. Formed as B Bᵀ with
     * B = V diag(max(0, λ)^¼), so the result is exactly symmetric.
     */
    static DMatrixRMaj squareRoot(DMatrixRMaj symmetric) {
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(symmetric, true);
        int d = symmetric.numRows;
        DMatrixRMaj b = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            double w = Math.sqrt(Math.sqrt(Math.max(0, eig.getEigenvalue(i).getReal())));
            DMatrixRMaj v = eig.getEigenVector(i);
            for (int r = 0; r < d; r++) {
                b.unsafe_set(r, i, v.get(r) * w);
            }
        }
        DMatrixRMaj root = new DMatrixRMaj(d, d);
        CommonOps_MT_DDRM.multTransB(b, b, root);
        return root;
    }

    private static EigenDecomposition_F64<DMatrixRMaj> decompose(DMatrixRMaj symmetric, boolean vectors) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_MT_DDRM.eig(symmetric.numRows, vectors, true);
        if (!eig.decompose(symmetric.copy())) {
            throw new ArithmeticException("the symmetric eigen-decomposition of a " + symmetric.numRows + " x "
                    + symmetric.numCols + " matrix did not converge");
        }
        return eig;
    }
}
