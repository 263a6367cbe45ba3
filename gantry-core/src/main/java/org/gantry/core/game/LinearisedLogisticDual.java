package org.gantry.core.game;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The dual of the dualing GAN's trust-region subproblem for a non-linear discriminator (Li et al.
 * 2017, section 4). Around the current parameters θ the critic's logit on example k is linearised,
 * s_k + g_k·Δ with s_k = D(x_k; θ) and g_k = ∇_θ D(x_k; θ), and the step Δ minimises
 * P(Δ) = (1/n) Σ softplus(−y_k (s_k + g_k·Δ)) + (λ/2)‖Δ‖², the logistic loss of the linear model
 * with the trust region in its Lagrangian form (λ its multiplier: the larger, the smaller the
 * region). Its dual, over one variable per example,
 * D(α) = (1/n) Σ [H(α_k) − α_k y_k s_k] − (1/(2λn²)) Σ_jk α_j y_j K_jk y_k α_k on [0, 1]ⁿ,
 * needs the gradients only through their Gram matrix K_jk = g_j·g_k, so its size is the batch's,
 * not the network's; Δ = (1/(λn)) Σ α_k y_k g_k. With s = 0 and g_k = (x_k, 1) it is
 * {@link LogisticDual}'s problem. Solved by Newton's method on the coefficients c_k of
 * Δ = Σ c_k g_k (the form both problems share: at the optimum c_k = α_k y_k / (λn) with
 * α_k = σ(−y_k m_k) for the linearised margins m_k), unconstrained and convex, where Newton on α
 * itself crawls along the box's faces when the critic is confident; the dual value at those α is
 * reported beside the primal, and their gap certifies the solution.
 */
final class LinearisedLogisticDual {
    private static final int MAX_ITERATIONS = 200;
    private static final double TOLERANCE = 1e-12;
    private static final double RELATIVE_DECREMENT = 1e-15;

    /**
     * @param alpha the dual variables
     * @param coefficients c_k = α_k y_k / (λn), so that Δ = Σ c_k g_k
     * @param primal P(Δ) at the Δ the dual variables give
     * @param dual D(α)
     */
    record Solution(double[] alpha, double[] coefficients, double primal, double dual) {}

    private LinearisedLogisticDual() {}

    /**
     * @param gram K, n × n, symmetric positive semi-definite
     * @param logits s_k, the critic's current logits
     * @param labels y_k: +1 for real examples, −1 for generated ones
     */
    static Solution solve(double[][] gram, double[] logits, double[] labels, double lambda) {
        int n = logits.length;
        double[] c = new double[n];
        double[] alpha = new double[n];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            // r = λc − (1/n) y∘α with α = σ(−y m): zero exactly when c = αy/(λn), the dual's optimality condition.
            double[] margins = margins(gram, logits, c);
            DMatrixRMaj residual = new DMatrixRMaj(n, 1);
            DMatrixRMaj system = new DMatrixRMaj(n, n);
            for (int j = 0; j < n; j++) {
                alpha[j] = LogisticDual.sigmoid(-labels[j] * margins[j]);
                residual.set(j, 0, lambda * c[j] - labels[j] * alpha[j] / n);
                double weight = alpha[j] * (1 - alpha[j]) / n;
                for (int k = 0; k < n; k++) {
                    system.set(j, k, weight * gram[j][k]);
                }
                system.add(j, j, lambda);
            }
            if (CommonOps_DDRM.elementMaxAbs(residual) * n < TOLERANCE) {
                break;
            }
            // The Hessian in c is K((1/n)WK + λI) and the gradient K r: this step is Newton's, K singular or not.
            DMatrixRMaj step = new DMatrixRMaj(n, 1);
            if (!CommonOps_DDRM.solve(system, residual, step)) {
                throw new IllegalStateException("the trust-region Newton system is singular, which λ > 0 rules out");
            }
            double[] kr = times(gram, residual.getData());
            double slope = 0;
            for (int j = 0; j < n; j++) {
                slope -= kr[j] * step.get(j, 0);
            }
            double before = primal(gram, logits, labels, lambda, c);
            // slope is minus the Newton decrement: the decrease the quadratic model predicts. Once it
            // is at rounding level relative to P no step can do better (the residual's absolute test
            // may never pass when K is large), so stop there.
            if (-slope <= RELATIVE_DECREMENT * (1 + Math.abs(before))) {
                break;
            }
            double t = 1;
            double[] next = new double[n];
            boolean accepted = false;
            for (int h = 0; h < 60 && !accepted; h++, t /= 2) {
                for (int k = 0; k < n; k++) {
                    next[k] = c[k] - t * step.get(k, 0);
                }
                accepted = primal(gram, logits, labels, lambda, next) <= before + 1e-4 * t * slope;
            }
            if (!accepted) {
                break; // never an uphill step: c is as good as rounding allows
            }
            c = next.clone();
        }
        double[] margins = margins(gram, logits, c);
        for (int j = 0; j < n; j++) {
            alpha[j] = LogisticDual.sigmoid(-labels[j] * margins[j]);
        }
        return new Solution(alpha, c, primal(gram, logits, labels, lambda, c), dual(gram, logits, labels, lambda, alpha));
    }

    /** The linearised logits s_j + (K c)_j. */
    private static double[] margins(double[][] gram, double[] logits, double[] c) {
        double[] out = times(gram, c);
        for (int j = 0; j < out.length; j++) {
            out[j] += logits[j];
        }
        return out;
    }

    /** D(α). */
    static double dual(double[][] gram, double[] logits, double[] labels, double lambda, double[] alpha) {
        int n = alpha.length;
        double[] ya = new double[n];
        for (int k = 0; k < n; k++) {
            ya[k] = labels[k] * alpha[k];
        }
        double[] kya = times(gram, ya);
        double sum = 0;
        double quadratic = 0;
        for (int k = 0; k < n; k++) {
            sum += LogisticDual.binaryEntropy(alpha[k]) - alpha[k] * labels[k] * logits[k];
            quadratic += alpha[k] * labels[k] * kya[k];
        }
        return sum / n - quadratic / (2 * lambda * n * (double) n);
    }

    /** P(Δ) for Δ = Σ c_k g_k: the linearised margins are s_j + (K c)_j. */
    static double primal(double[][] gram, double[] logits, double[] labels, double lambda, double[] coefficients) {
        int n = logits.length;
        double[] kc = times(gram, coefficients);
        double loss = 0;
        double squared = 0;
        for (int j = 0; j < n; j++) {
            loss += LogisticDual.softplus(-labels[j] * (logits[j] + kc[j]));
            squared += coefficients[j] * kc[j];
        }
        return loss / n + lambda / 2 * squared;
    }

    /** K v, the one product every quantity here is built from. */
    private static double[] times(double[][] gram, double[] v) {
        int n = v.length;
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                s += gram[j][k] * v[k];
            }
            out[j] = s;
        }
        return out;
    }
}
