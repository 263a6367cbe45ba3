package org.gantry.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

class LogitCalibrationTest {

    /** Logits s ~ N(0, 2²) labelled real with probability σ(a·s + b): the fit recovers a and b. */
    @Test
    void recoversTheLogisticModelThatLabelledTheLogits() {
        double a = 0.6;
        double b = -0.4;
        Rng rng = new Rng(17);
        float[][] sets = split(rng, 80_000, a, b);
        LogitCalibration fit = LogitCalibration.fit(sets[0], sets[1]);
        // Standard errors at n = 80,000 are below 0.01 for both; 0.05 is more than five of them.
        assertThat(fit.scale()).isCloseTo(a, within(0.05));
        assertThat(fit.shift()).isCloseTo(b, within(0.05));
    }

    /** The fit is the maximum of Platt's smoothed likelihood: no point of a fine grid around it does better. */
    @Test
    void noNearbyCalibrationHasAHigherLikelihood() {
        Rng rng = new Rng(3);
        float[][] sets = split(rng, 800, 2.0, 0.5);
        LogitCalibration fit = LogitCalibration.fit(sets[0], sets[1]);
        double best = logLikelihood(fit.scale(), fit.shift(), sets[0], sets[1]);
        for (double da = -0.2; da <= 0.2; da += 0.01) {
            for (double db = -0.2; db <= 0.2; db += 0.01) {
                assertThat(logLikelihood(fit.scale() + da, fit.shift() + db, sets[0], sets[1]))
                        .isLessThanOrEqualTo(best + 1e-9);
            }
        }
    }

    @Test
    void staysFiniteWhenRealAndGeneratedAreSeparable() {
        LogitCalibration fit = LogitCalibration.fit(new float[] {3, 4, 5}, new float[] {-1, -2});
        assertThat(fit.scale()).isPositive().isFinite();
        assertThat(fit.shift()).isFinite();
    }

    @Test
    void equalLogitsLeaveOnlyTheSmoothedBaseRate() {
        LogitCalibration fit = LogitCalibration.fit(new float[] {1, 1, 1}, new float[] {1});
        // Targets 4/5 for the three real, 1/3 for the one generated: mean target (12/5 + 1/3)/4.
        double mean = (3 * 0.8 + 1.0 / 3) / 4;
        assertThat(fit.scale()).isZero();
        assertThat(fit.shift()).isCloseTo(Math.log(mean / (1 - mean)), within(1e-12));
    }

    /** {@code n} logits s ~ N(0, 2²), each labelled real with probability σ(a·s + b): {real, generated}. */
    private static float[][] split(Rng rng, int n, double a, double b) {
        float[] real = new float[n];
        float[] generated = new float[n];
        int r = 0;
        int g = 0;
        for (int i = 0; i < n; i++) {
            float s = (float) (2 * rng.gaussian());
            if (rng.uniform() < 1 / (1 + Math.exp(-(a * s + b)))) {
                real[r++] = s;
            } else {
                generated[g++] = s;
            }
        }
        return new float[][] {java.util.Arrays.copyOf(real, r), java.util.Arrays.copyOf(generated, g)};
    }

    private static double logLikelihood(double a, double b, float[] real, float[] generated) {
        double positive = (real.length + 1.0) / (real.length + 2.0);
        double negative = 1.0 / (generated.length + 2.0);
        double sum = 0;
        for (float s : real) {
            double p = 1 / (1 + Math.exp(-(a * s + b)));
            sum += positive * Math.log(p) + (1 - positive) * Math.log(1 - p);
        }
        for (float s : generated) {
            double p = 1 / (1 + Math.exp(-(a * s + b)));
            sum += negative * Math.log(p) + (1 - negative) * Math.log(1 - p);
        }
        return sum;
    }
}
