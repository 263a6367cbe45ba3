package org.gantry.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.gantry.core.model.LatentSpace;
import org.gantry.random.Rng;
import org.gantry.core.KolmogorovSmirnov;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

class LatentLangevinSamplerTest {

    /**
     * The log ratio equals log π(z') + log q(z | z') − log π(z) − log q(z' | z) computed from the
     * Gaussian densities themselves, π(z) ∝ N(z; 0, I)·exp(d(z)), q(·|z) = N(z + (τ/2)∇E(z), η² I).
     */
    @Test
    void logAcceptanceIsTheMetropolisHastingsRatioOfTheLangevinProposal() {
        double tau = 0.3;
        double eta = 0.4;
        float[] z = {0.5f, -1.0f, 2.0f};
        double[] gradZ = {0.2, 0.1, -0.7};
        double[] eps = {0.3, -1.1, 0.6};
        float[] next = new float[3];
        for (int i = 0; i < 3; i++) {
            next[i] = (float) (z[i] + tau / 2 * gradZ[i] + eta * eps[i]);
        }
        double[] gradNext = {-0.4, 0.9, 0.05};
        double d = 0.7;
        double dNext = -0.2;
        double logPi = d - half(z);
        double logPiNext = dNext - half(next);
        double forward = 0;
        double backward = 0;
        for (int i = 0; i < 3; i++) {
            double meanForward = z[i] + tau / 2 * gradZ[i];
            double meanBackward = next[i] + tau / 2 * gradNext[i];
            forward += -Math.pow(next[i] - meanForward, 2) / (2 * eta * eta);
            backward += -Math.pow(z[i] - meanBackward, 2) / (2 * eta * eta);
        }
        double expected = logPiNext + backward - logPi - forward;
        assertThat(LatentLangevinSampler.logAcceptance(z, 0, next, eps, d, dNext, gradNext, 3, tau, eta))
                .isCloseTo(expected, within(1e-5));
    }

    private static double half(float[] z) {
        double s = 0;
        for (float v : z) {
            s += v * v;
        }
        return s / 2;
    }

    /**
     * G(z) = z in one dimension and the critic that is exact for data N(1, 0.5²): the chains'
     * end points follow N(1, 0.5²), not the prior (Kolmogorov–Smirnov at level 0.001, seed fixed).
     */
    @Test
    void chainsWithAnExactCriticEndOnTheDataDistribution() {
        GaussianToy toy = new GaussianToy(1.0, 0.5);
        Sampled s = new LatentLangevinSampler(false, 100, 300, 0.05, Math.sqrt(0.05)).sample(toy, 2000, new Rng(21));
        double critical = 1.95 / Math.sqrt(2000);
        assertThat(KolmogorovSmirnov.distance(s.examples(), new NormalDistribution(1.0, 0.5))).isLessThan(critical);
        assertThat(KolmogorovSmirnov.distance(s.examples(), new NormalDistribution(0, 1))).isGreaterThan(critical);
        assertThat(s.acceptanceRate()).isBetween(0.5, 1.0);
    }

    /** x = G(z) = z, z ~ N(0, 1); data N(μ, σ²); critic d(x) = log N(x; μ, σ²) − log N(x; 0, 1). */
    private static final class GaussianToy extends OneDimensionalTarget {
        private final double mean;
        private final double sd;

        GaussianToy(double mean, double sd) {
            super(LatentSpace.noiseOnly(1, false));
            this.mean = mean;
            this.sd = sd;
        }

        @Override
        public float[] generate(float[] z, int count) {
            return Arrays.copyOf(z, count);
        }

        @Override
        public float[] logits(float[] x, int count) {
            float[] out = new float[count];
            for (int i = 0; i < count; i++) {
                double u = (x[i] - mean) / sd;
                out[i] = (float) (-u * u / 2 - Math.log(sd) + x[i] * x[i] / 2.0);
            }
            return out;
        }

        @Override
        public LatentLogits latentLogits(float[] z, int count) {
            float[] gradient = new float[count];
            for (int i = 0; i < count; i++) {
                gradient[i] = (float) (-(z[i] - mean) / (sd * sd) + z[i]);
            }
            return new LatentLogits(logits(z, count), gradient);
        }

        @Override
        public float[] heldOut(int count, Rng rng) {
            float[] x = new float[count];
            for (int i = 0; i < count; i++) {
                x[i] = (float) (mean + sd * rng.gaussian());
            }
            return x;
        }
    }
}
