package org.gantry.core.game;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * L2-regularised logistic regression of real examples (label +1) against generated ones (−1),
 * solved exactly, with its dual. With x̃ = (x, 1) and n examples in all, the primal is
 * P(w) = (1/n) Σ softplus(−y w·x̃) + (λ/2)‖w‖², strongly convex, minimised by Newton's method with a
 * backtracking line search. Its dual (Li et al. 2017, the dualing GAN's inner problem) is
 * D(α) = (1/n) Σ H(α_k) − (λ/2)‖(1/(λn)) Σ α_k y_k x̃_k‖² over α ∈ [0, 1]ⁿ, H the binary entropy;
 * at the optimum α_k = σ(−y_k w·x̃_k) and P = D (strong duality), which {@link Solution} reports.
 */
final class LogisticDual {
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-10;

    /**
     * @param weights w, then the bias
     * @param alpha the dual variables: real examples first, then generated
     * @param realTerm (1/n) Σ over real examples of softplus(−w·x̃)
     * @param fakeTerm (1/n) Σ over generated examples of softplus(w·x̃)
     * @param regulariser (λ/2)‖w‖²
     * @param dual D(α)
     */
    record Solution(double[] weights, double[] alpha, double realTerm, double fakeTerm, double regulariser,
            double dual) {

        double primal() {
            return realTerm + fakeTerm + regulariser;
        }
    }

    private LogisticDual() {}

    /**
     * @param real {@code realCount} examples of {@code dim} values, row after row
     * @param fake {@code fakeCount} examples likewise
     * @param start where Newton's method starts (w then bias), e.g. the previous solution
     */
    static Solution solve(float[] real, int realCount, float[] fake, int fakeCount, int dim, double lambda,
            double[] start) {
        int n = realCount + fakeCount;
        double[][] x = new double[n][dim + 1];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            boolean isReal = k < realCount;
            float[] src = isReal ? real : fake;
            int row = isReal ? k : k - realCount;
            for (int j = 0; j < dim; j++) {
                x[k][j] = src[row * dim + j];
            }
            x[k][dim] = 1;
            y[k] = isReal ? 1 : -1;
        }
        double[] w = start.clone();
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            DMatrixRMaj gradient = new DMatrixRMaj(dim + 1, 1);
            DMatrixRMaj hessian = new DMatrixRMaj(dim + 1, dim + 1);
            for (int a = 0; a <= dim; a++) {
                gradient.set(a, 0, lambda * w[a]);
                hessian.set(a, a, lambda);
            }
            for (int k = 0; k < n; k++) {
                double margin = y[k] * dot(w, x[k]);
                double wrong = sigmoid(-margin);
                double curvature = wrong * (1 - wrong) / n;
                for (int a = 0; a <= dim; a++) {
                    gradient.add(a, 0, -wrong * y[k] * x[k][a] / n);
                    for (int b = 0; b <= dim; b++) {
                        hessian.add(a, b, curvature * x[k][a] * x[k][b]);
                    }
                }
            }
            if (CommonOps_DDRM.elementMaxAbs(gradient) < TOLERANCE) {
                break;
            }
            DMatrixRMaj step = new DMatrixRMaj(dim + 1, 1);
            if (!CommonOps_DDRM.solve(hessian, gradient, step)) {
                throw new IllegalStateException("the logistic Hessian is singular, which λ > 0 rules out");
            }
            double slope = -CommonOps_DDRM.dot(gradient, step);
            double before = primal(w, x, y, lambda);
            double t = 1;
            double[] next = new double[dim + 1];
            while (true) {
                for (int a = 0; a <= dim; a++) {
                    next[a] = w[a] - t * step.get(a, 0);
                }
                if (primal(next, x, y, lambda) <= before + 1e-4 * t * slope || t < 1e-12) {
                    break;
                }
                t /= 2;
            }
            w = next.clone();
        }
        double[] alpha = new double[n];
        double realTerm = 0;
        double fakeTerm = 0;
        for (int k = 0; k < n; k++) {
            double margin = y[k] * dot(w, x[k]);
            alpha[k] = sigmoid(-margin);
            if (k < realCount) {
                realTerm += softplus(-margin) / n;
            } else {
                fakeTerm += softplus(-margin) / n;
            }
        }
        return new Solution(w, alpha, realTerm, fakeTerm, lambda / 2 * dot(w, w), dual(alpha, x, y, lambda));
    }

    /** D(α) for examples x̃ (bias column included) with labels y. */
    static double dual(double[] alpha, double[][] x, double[] y, double lambda) {
        int n = alpha.length;
        double[] w = new double[x[0].length];
        double entropy = 0;
        for (int k = 0; k < n; k++) {
            for (int a = 0; a < w.length; a++) {
                w[a] += alpha[k] * y[k] * x[k][a] / (lambda * n);
            }
            entropy += binaryEntropy(alpha[k]) / n;
        }
        return entropy - lambda / 2 * dot(w, w);
    }

    private static double primal(double[] w, double[][] x, double[] y, double lambda) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            sum += softplus(-y[k] * dot(w, x[k]));
        }
        return sum / x.length + lambda / 2 * dot(w, w);
    }

    static double binaryEntropy(double a) {
        return (a > 0 ? -a * Math.log(a) : 0) + (a < 1 ? -(1 - a) * Math.log(1 - a) : 0);
    }

    static double softplus(double t) {
        return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
    }

    static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
