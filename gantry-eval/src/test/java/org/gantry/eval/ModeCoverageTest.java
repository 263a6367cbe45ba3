package org.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Map;
import org.gantry.data.GaussianMixture;
import org.junit.jupiter.api.Test;

class ModeCoverageTest {
    final GaussianMixture ring = GaussianMixture.ring(8, 1.0, 0.01);

    /** {@code perMode[k]} samples placed at mean k plus an offset of {@code sigmas} standard deviations. */
    float[] at(int[] perMode, double sigmas) {
        int n = java.util.Arrays.stream(perMode).sum();
        float[] s = new float[2 * n];
        int i = 0;
        for (int k = 0; k < perMode.length; k++) {
            for (int j = 0; j < perMode[k]; j++) {
                s[2 * i] = (float) (ring.means()[k][0] + sigmas * ring.sigma());
                s[2 * i + 1] = (float) ring.means()[k][1];
                i++;
            }
        }
        return s;
    }

    @Test
    void uniformOverAllModesIsPerfect() {
        Map<String, Double> m = new ModeCoverage().evaluate(at(new int[] {5, 5, 5, 5, 5, 5, 5, 5}, 0.5), 40, ring);
        assertThat(m.get("modes")).isEqualTo(8.0);
        assertThat(m.get("hq_fraction")).isEqualTo(1.0);
        assertThat(m.get("reverse_kl")).isCloseTo(0.0, offset(1e-12));
    }

    @Test
    void collapseOntoFiveModesGivesLogOfEightOverFive() {
        Map<String, Double> m = new ModeCoverage().evaluate(at(new int[] {4, 4, 4, 4, 4, 0, 0, 0}, 0), 20, ring);
        assertThat(m.get("modes")).isEqualTo(5.0);
        assertThat(m.get("reverse_kl")).isCloseTo(Math.log(8.0 / 5.0), offset(1e-12));
    }

    @Test
    void unevenHistogramMatchesTheClosedForm() {
        Map<String, Double> m = new ModeCoverage().evaluate(at(new int[] {3, 1, 0, 0, 0, 0, 0, 0}, 1), 4, ring);
        double expected = 0.75 * Math.log(0.75 * 8) + 0.25 * Math.log(0.25 * 8);
        assertThat(m.get("modes")).isEqualTo(2.0);
        assertThat(m.get("reverse_kl")).isCloseTo(expected, offset(1e-12));
    }

    @Test
    void samplesBeyondThreeSigmaAreNotHighQuality() {
        float[] near = at(new int[] {1, 1, 1, 1, 0, 0, 0, 0}, 2.9);
        float[] far = at(new int[] {0, 0, 0, 0, 1, 1, 1, 1}, 3.1);
        float[] both = new float[16];
        System.arraycopy(near, 0, both, 0, 8);
        System.arraycopy(far, 0, both, 8, 8);
        Map<String, Double> m = new ModeCoverage().evaluate(both, 8, ring);
        assertThat(m.get("hq_fraction")).isEqualTo(0.5);
        assertThat(m.get("modes")).isEqualTo(4.0);
        assertThat(m.get("reverse_kl")).isCloseTo(Math.log(2), offset(1e-12));
    }

    @Test
    void realRingSamplesMatchTheRayleighLaw() {
        // For an isotropic 2D Gaussian, P(|x - mu| < 3 sigma) = 1 - exp(-9/2).
        int n = 100_000;
        float[] real = ring.sample(n, new org.gantry.random.Rng(11));
        Map<String, Double> m = new ModeCoverage().evaluate(real, n, ring);
        double p = 1 - Math.exp(-4.5);
        double se = Math.sqrt(p * (1 - p) / n);
        assertThat(m.get("hq_fraction")).isBetween(p - 5 * se, p + 5 * se);
        assertThat(m.get("modes")).isEqualTo(8.0);
        // The histogram of 8 equally likely modes has KL about (K-1)/(2 n_hq) from uniform.
        assertThat(m.get("reverse_kl")).isBetween(0.0, 0.001);
    }

    @Test
    void noHighQualitySampleLeavesReverseKlUndefined() {
        Map<String, Double> m = new ModeCoverage().evaluate(new float[] {0, 0, Float.NaN, 1}, 2, ring);
        assertThat(m.get("modes")).isEqualTo(0.0);
        assertThat(m.get("hq_fraction")).isEqualTo(0.0);
        assertThat(m.get("reverse_kl")).isNaN();
    }
}
