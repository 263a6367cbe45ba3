package org.gantry.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

class RejectionSamplerTest {
    private static final double[] P = {0.4, 0.3, 0.2, 0.05, 0.05};
    private static final double[] Q = {0.1, 0.2, 0.2, 0.25, 0.25};

    /** With γ = 0, σ(F) is the rejection-sampling probability exp(d − d_M) (to within ε). */
    @Test
    void acceptanceWithoutShiftIsTheDensityRatioOverItsMaximum() {
        double dMax = 1.3;
        for (double d : new double[] {-8, -2, 0, 1, 1.3 - 1e-3}) {
            double expected = Math.exp(d - dMax);
            double f = RejectionSampler.acceptanceLogit(d, dMax);
            assertThat(LogitCalibration.sigmoid(f)).as("d = %s", d).isCloseTo(expected, within(1e-6 * expected));
            // The paper's form, term by term.
            double paper = d - dMax - Math.log(1 - Math.exp(d - dMax - RejectionSampler.EPSILON));
            assertThat(f).isCloseTo(paper, within(1e-9 * Math.abs(paper) + 1e-12));
        }
        // At the maximum: logit of 1 − ε, finite.
        assertThat(RejectionSampler.acceptanceLogit(dMax, dMax)).isCloseTo(-Math.log(RejectionSampler.EPSILON),
                within(1e-6));
    }

    @Test
    void percentileInterpolatesBetweenOrderStatisticsLikeNumpy() {
        double[] v = {5, 1, 4, 2, 3};
        assertThat(RejectionSampler.percentile(v, 0)).isEqualTo(1);
        assertThat(RejectionSampler.percentile(v, 100)).isEqualTo(5);
        assertThat(RejectionSampler.percentile(v, 50)).isEqualTo(3);
        // numpy.percentile([1, 2, 3, 4, 5], 95) = 4.8
        assertThat(RejectionSampler.percentile(v, 95)).isCloseTo(4.8, within(1e-12));
    }

    @Test
    void gammaReadsNumbersAndPercentiles() {
        assertThat(RejectionSampler.Gamma.parse("p95")).isEqualTo(new RejectionSampler.Gamma(95, true));
        assertThat(RejectionSampler.Gamma.parse(" -1.5 ")).isEqualTo(new RejectionSampler.Gamma(-1.5, false));
        assertThatThrownBy(() -> RejectionSampler.Gamma.parse("p101")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RejectionSampler.Gamma.parse("high")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * With a perfect critic and γ = 0, DRS is exact rejection sampling: the samples follow p, not the
     * generator's q (χ² at level 0.001, seed fixed), and the acceptance rate is 1/max(p/q) = 0.25.
     */
    @Test
    void exactRejectionWithAPerfectCriticReturnsTheDataDistribution() {
        DiscreteToy toy = new DiscreteToy(P, Q);
        Sampled s = new RejectionSampler(false, 100, 2000, new RejectionSampler.Gamma(0, false))
                .sample(toy, 20_000, new Rng(7));
        long[] counts = DiscreteToy.counts(s.examples(), P.length);
        assertThat(DiscreteToy.chiSquaredP(counts, P)).isGreaterThan(0.001);
        assertThat(DiscreteToy.chiSquaredP(counts, Q)).isLessThan(1e-6);
        // Binomial standard error of the rate over about 80,000 proposals: 0.0015.
        assertThat(s.acceptanceRate()).isCloseTo(0.25, within(0.01));
        assertThat(s.accepted()).isEqualTo(20_000);
    }

    /**
     * With γ at the 95th percentile of F, γ is the F of the highest-ratio atom (atom 0 is a tenth of
     * every batch of 1,024, so more than the top 5 %), which then passes with σ(0) = ½ and every
     * other atom with σ(F_j − F_0) < 1e-7: the samples are atom 0, and the acceptance rate is
     * q_0 / 2 = 0.05.
     */
    @Test
    void aPercentileShiftKeepsTheTopFivePercentOfRatios() {
        DiscreteToy toy = new DiscreteToy(P, Q);
        Sampled s = new RejectionSampler(false, 100, 2000, new RejectionSampler.Gamma(95, true))
                .sample(toy, 5000, new Rng(8));
        assertThat(DiscreteToy.counts(s.examples(), P.length)[0]).isEqualTo(5000);
        // Binomial standard error over about 100,000 proposals: 0.0007.
        assertThat(s.acceptanceRate()).isCloseTo(0.05, within(0.004));
    }

    /** Calibration on held-out draws of p and generated draws of q recovers the perfect critic's scale. */
    @Test
    void calibratingAPerfectCriticKeepsItsSamplesOnTheDataDistribution() {
        DiscreteToy toy = new DiscreteToy(P, Q);
        Sampled s = new RejectionSampler(true, 20_000, 2000, new RejectionSampler.Gamma(0, false))
                .sample(toy, 20_000, new Rng(9));
        assertThat(DiscreteToy.chiSquaredP(DiscreteToy.counts(s.examples(), P.length), P)).isGreaterThan(0.001);
    }
}
