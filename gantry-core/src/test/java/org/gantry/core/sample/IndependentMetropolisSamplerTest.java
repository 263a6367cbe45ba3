package org.gantry.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

class IndependentMetropolisSamplerTest {
    private static final double[] P = {0.4, 0.3, 0.2, 0.05, 0.05};
    private static final double[] Q = {0.1, 0.2, 0.2, 0.25, 0.25};

    /** The acceptance in logits equals the paper's (1/D(x) − 1)/(1/D(x') − 1) with D = σ(d). */
    @Test
    void acceptanceIsThePapersRatioOfOdds() {
        double[][] pairs = {{0.3, -1.2}, {-1.2, 0.3}, {2.0, 2.0}, {-4, 1}, {1, -4}};
        for (double[] pair : pairs) {
            double dx = LogitCalibration.sigmoid(pair[0]);
            double dy = LogitCalibration.sigmoid(pair[1]);
            double expected = Math.min(1, (1 / dx - 1) / (1 / dy - 1));
            assertThat(IndependentMetropolisSampler.acceptance(pair[0], pair[1])).isCloseTo(expected, within(1e-12));
        }
    }

    /** With a perfect critic the chains' states follow p (χ² at level 0.001, seed fixed). */
    @Test
    void aPerfectCriticGivesTheDataDistribution() {
        DiscreteToy toy = new DiscreteToy(P, Q);
        Sampled s = new IndependentMetropolisSampler(false, 100, 20).sample(toy, 20_000, new Rng(11));
        long[] counts = DiscreteToy.counts(s.examples(), P.length);
        assertThat(DiscreteToy.chiSquaredP(counts, P)).isGreaterThan(0.001);
        assertThat(DiscreteToy.chiSquaredP(counts, Q)).isLessThan(1e-6);
        // Stationary acceptance of an independence sampler: Σ_x,y p(x) q(y) min(1, w(y)/w(x)), w = p/q.
        double expected = 0;
        for (int x = 0; x < P.length; x++) {
            for (int y = 0; y < P.length; y++) {
                expected += P[x] * Q[y] * Math.min(1, (P[y] / Q[y]) / (P[x] / Q[x]));
            }
        }
        assertThat(s.acceptanceRate()).isCloseTo(expected, within(0.01));
        // 20 proposals a chain, and 21 more for the few whose start at a real example (mostly atom 0, the
        // highest ratio) was never left.
        assertThat(s.proposalsPerSample()).isGreaterThan(20.0).isLessThan(20.0 + 21 * 0.01);
    }

    /** A chain that never leaves its real starting example is restarted, so no sample is a real example. */
    @Test
    void chainsStuckOnTheirRealStartRestartFromTheGenerator() {
        // The data is all atom 0, which the generator never makes; the critic rates atom 0 far above the rest.
        DiscreteToy toy = new DiscreteToy(new double[] {1 - 4e-9, 1e-9, 1e-9, 1e-9, 1e-9}, new double[] {1e-12, 0.25, 0.25,
            0.25, 0.25 - 1e-12});
        Sampled s = new IndependentMetropolisSampler(false, 100, 5).sample(toy, 300, new Rng(12));
        assertThat(DiscreteToy.counts(s.examples(), 5)[0]).isZero();
        assertThat(s.proposals()).isEqualTo(300L * 5 + 300L * 6);
    }
}
