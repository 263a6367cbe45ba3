package org.gantry.core.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * The trust-region subproblem's dual against the exact logistic regression of {@link LogisticDual}
 * (a separate Newton solve in the weights), and against its own optimality conditions.
 */
class LinearisedLogisticDualTest {

    private static double[][] gram(double[][] g) {
        int n = g.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int a = 0; a < g[i].length; a++) {
                    k[i][j] += g[i][a] * g[j][a];
                }
            }
        }
        return k;
    }

    @Test
    void withZeroLogitsAndInputFeaturesItIsTheExactLogisticCritic() {
        Rng rng = new Rng(4);
        int realCount = 25;
        int fakeCount = 20;
        float[] real = new float[2 * realCount];
        float[] fake = new float[2 * fakeCount];
        for (int i = 0; i < real.length; i++) {
            real[i] = (float) (rng.gaussian() + (i % 2 == 0 ? 1.5 : 0));
        }
        for (int i = 0; i < fake.length; i++) {
            fake[i] = (float) (rng.gaussian() - (i % 2 == 1 ? 1 : 0));
        }
        double lambda = 0.05;
        LogisticDual.Solution exact = LogisticDual.solve(real, realCount, fake, fakeCount, 2, lambda, new double[3]);
        int n = realCount + fakeCount;
        double[][] features = new double[n][];
        double[] labels = new double[n];
        for (int k = 0; k < n; k++) {
            float[] src = k < realCount ? real : fake;
            int row = k < realCount ? k : k - realCount;
            features[k] = new double[] {src[2 * row], src[2 * row + 1], 1};
            labels[k] = k < realCount ? 1 : -1;
        }
        LinearisedLogisticDual.Solution s = LinearisedLogisticDual.solve(gram(features), new double[n], labels, lambda);
        // Δ = Σ c_k g_k is the exact critic's (w, b), and the dual variables are its.
        for (int a = 0; a < 3; a++) {
            double delta = 0;
            for (int k = 0; k < n; k++) {
                delta += s.coefficients()[k] * features[k][a];
            }
            assertThat(delta).as("coordinate %d", a).isCloseTo(exact.weights()[a], offset(1e-7));
        }
        for (int k = 0; k < n; k++) {
            assertThat(s.alpha()[k]).isCloseTo(exact.alpha()[k], offset(1e-7));
        }
        assertThat(s.primal()).isCloseTo(exact.primal(), offset(1e-10));
        assertThat(s.dual()).isCloseTo(exact.dual(), offset(1e-10));
    }

    @Test
    void withLogitsTheDualMeetsTheOptimalityConditionsAndClosesTheGap() {
        Rng rng = new Rng(12);
        int n = 30;
        int dim = 50;
        double[][] g = new double[n][dim];
        double[] s = new double[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            for (int a = 0; a < dim; a++) {
                g[k][a] = rng.gaussian() * 0.3;
            }
            s[k] = 2 * rng.gaussian();
            y[k] = k % 3 == 0 ? -1 : 1;
        }
        double[][] kernel = gram(g);
        for (double lambda : new double[] {0.01, 1, 100}) {
            LinearisedLogisticDual.Solution sol = LinearisedLogisticDual.solve(kernel, s, y, lambda);
            assertThat(sol.primal() - sol.dual()).as("gap at lambda %s", lambda).isCloseTo(0, offset(1e-9));
            // α_k = σ(−y_k (s_k + g_k·Δ)) at the optimum, with Δ formed here from the coefficients.
            double[] delta = new double[dim];
            for (int k = 0; k < n; k++) {
                for (int a = 0; a < dim; a++) {
                    delta[a] += sol.coefficients()[k] * g[k][a];
                }
            }
            double primalHere = 0;
            double squared = 0;
            for (int k = 0; k < n; k++) {
                double margin = s[k];
                for (int a = 0; a < dim; a++) {
                    margin += g[k][a] * delta[a];
                }
                assertThat(sol.alpha()[k]).isCloseTo(1 / (1 + Math.exp(y[k] * margin)), offset(1e-8));
                primalHere += LogisticDual.softplus(-y[k] * margin) / n;
            }
            for (double d : delta) {
                squared += d * d;
            }
            assertThat(sol.primal()).isCloseTo(primalHere + lambda / 2 * squared, offset(1e-10));
            // Moving any dual variable either way lowers the dual.
            for (int k = 0; k < n; k += 7) {
                for (double e : new double[] {-1e-4, 1e-4}) {
                    double[] moved = sol.alpha().clone();
                    moved[k] += e;
                    assertThat(LinearisedLogisticDual.dual(kernel, s, y, lambda, moved)).isLessThan(sol.dual());
                }
            }
        }
        // A larger λ (a smaller trust region) gives a shorter step.
        double previous = Double.POSITIVE_INFINITY;
        for (double lambda : new double[] {0.01, 1, 100}) {
            double[] c = LinearisedLogisticDual.solve(kernel, s, y, lambda).coefficients();
            double norm = 0;
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    norm += c[j] * kernel[j][k] * c[k];
                }
            }
            assertThat(norm).isLessThan(previous);
            previous = norm;
        }
    }
}
