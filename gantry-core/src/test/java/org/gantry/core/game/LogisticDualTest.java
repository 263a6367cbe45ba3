package org.gantry.core.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/** The exact logistic critic against its optimality conditions and its dual, computed apart. */
class LogisticDualTest {
    private static final double LAMBDA = 0.05;

    private static float[] points(Rng rng, int n, double cx, double cy, double spread) {
        float[] p = new float[2 * n];
        for (int i = 0; i < n; i++) {
            p[2 * i] = (float) (cx + spread * rng.gaussian());
            p[2 * i + 1] = (float) (cy + spread * rng.gaussian());
        }
        return p;
    }

    /** Rows (x, y, 1) and labels: real then fake. */
    private static double[][] augmented(float[] real, float[] fake) {
        int n = (real.length + fake.length) / 2;
        double[][] x = new double[n][3];
        for (int k = 0; k < n; k++) {
            float[] src = k < real.length / 2 ? real : fake;
            int row = k < real.length / 2 ? k : k - real.length / 2;
            x[k] = new double[] {src[2 * row], src[2 * row + 1], 1};
        }
        return x;
    }

    private static double primal(double[] w, double[][] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += LogisticDual.softplus(-y[k] * (w[0] * x[k][0] + w[1] * x[k][1] + w[2] * x[k][2]));
        }
        return s / x.length + LAMBDA / 2 * (w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
    }

    @Test
    void theSolutionIsStationaryMeetsTheKktConditionsAndCloseTheDualityGap() {
        Rng rng = new Rng(8);
        // Overlapping classes, then separable ones, where only the regulariser keeps w finite.
        for (double shift : new double[] {0.5, 4}) {
            float[] real = points(rng, 40, shift, 0.3, 1);
            float[] fake = points(rng, 30, -0.2, -shift, 1);
            LogisticDual.Solution s = LogisticDual.solve(real, 40, fake, 30, 2, LAMBDA, new double[3]);
            double[][] x = augmented(real, fake);
            double[] y = new double[70];
            for (int k = 0; k < 70; k++) {
                y[k] = k < 40 ? 1 : -1;
            }
            double[] w = s.weights();
            // Stationary: central differences of the primal, written out here, vanish.
            for (int a = 0; a < 3; a++) {
                double[] up = w.clone();
                double[] down = w.clone();
                up[a] += 1e-5;
                down[a] -= 1e-5;
                assertThat((primal(up, x, y) - primal(down, x, y)) / 2e-5).as("shift %s, coordinate %d", shift, a)
                        .isCloseTo(0, offset(1e-7));
            }
            assertThat(s.primal()).isCloseTo(primal(w, x, y), offset(1e-12));
            // KKT: w = (1/(λn)) Σ α y x̃, with α = σ(−y w·x̃) in [0, 1].
            for (int a = 0; a < 3; a++) {
                double fromAlpha = 0;
                for (int k = 0; k < 70; k++) {
                    fromAlpha += s.alpha()[k] * y[k] * x[k][a] / (LAMBDA * 70);
                }
                assertThat(fromAlpha).isCloseTo(w[a], offset(1e-8));
            }
            // Strong duality at the optimum, weak duality everywhere else.
            assertThat(s.primal() - s.dual()).isCloseTo(0, offset(1e-9));
            for (int trial = 0; trial < 20; trial++) {
                double[] alpha = new double[70];
                for (int k = 0; k < 70; k++) {
                    alpha[k] = rng.uniform();
                }
                double[] other = {rng.gaussian(), rng.gaussian(), rng.gaussian()};
                assertThat(LogisticDual.dual(alpha, x, y, LAMBDA)).isLessThanOrEqualTo(s.dual() + 1e-12);
                assertThat(primal(other, x, y)).isGreaterThanOrEqualTo(s.primal() - 1e-12);
            }
            // The optimum does not depend on where Newton's method starts.
            LogisticDual.Solution again = LogisticDual.solve(real, 40, fake, 30, 2, LAMBDA, new double[] {5, -3, 2});
            for (int a = 0; a < 3; a++) {
                assertThat(again.weights()[a]).isCloseTo(w[a], offset(1e-8));
            }
        }
    }
}
