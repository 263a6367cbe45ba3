package org.gantry.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void restoredStateContinuesTheSameStream() {
        Rng a = new Rng(42);
        for (int i = 0; i < 5; i++) {
            a.gaussian();
        }
        byte[] state = a.saveState();
        double[] expected = {a.gaussian(), a.uniform(), a.nextInt(1000)};
        Rng b = new Rng(7);
        b.restoreState(state);
        assertThat(new double[] {b.gaussian(), b.uniform(), b.nextInt(1000)}).containsExactly(expected);
    }

    @Test
    void purposesGiveDifferentStreamsAndSameSeedSameStream() {
        assertThat(Rng.forPurpose(1, "noise").nextLong()).isEqualTo(Rng.forPurpose(1, "noise").nextLong());
        assertThat(Rng.forPurpose(1, "noise").nextLong()).isNotEqualTo(Rng.forPurpose(1, "data").nextLong());
        assertThat(Rng.forPurpose(1, "noise").nextLong()).isNotEqualTo(Rng.forPurpose(2, "noise").nextLong());
    }

    @Test
    void gaussianHasUnitMomentsWithinSamplingError() {
        Rng r = new Rng(3);
        int n = 200_000;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double g = r.gaussian();
            sum += g;
            sq += g * g;
        }
        // Five standard errors on each side: sd(mean) = 1/sqrt(n), sd(var) = sqrt(2/n).
        assertThat(sum / n).isBetween(-5 / Math.sqrt(n), 5 / Math.sqrt(n));
        assertThat(sq / n).isBetween(1 - 5 * Math.sqrt(2.0 / n), 1 + 5 * Math.sqrt(2.0 / n));
    }

    @Test
    void gaussiansAreTheNextGaussianDrawsInOrder() {
        Rng a = new Rng(9);
        Rng b = new Rng(9);
        double[] expected = {b.gaussian(), b.gaussian(), b.gaussian(), b.gaussian()};
        assertThat(a.gaussians(4)).containsExactly(expected);
        assertThat(a.gaussian()).isEqualTo(b.gaussian());
    }
}
