package org.gantry.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import java.util.function.DoubleUnaryOperator;
import org.gantry.core.ArrayTest;
import org.junit.jupiter.api.Test;

/**
 * Each divergence against its defining function f, written here independently: the activation
 * and the conjugate at known points, f*(g(v)) against the two composed, and the variational
 * bound at the optimal critic T* = f'(p/q) against D_f(P‖Q) = Σ q f(p/q) for two known
 * distributions.
 */
class FGanLossTest extends ArrayTest {
    static double softplus(double t) {
        return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
    }

    /** f of each divergence (Nowozin et al. 2016, table 1). */
    static double f(FDivergence d, double u) {
        return switch (d) {
            case KL -> u * Math.log(u);
            case REVERSE_KL -> -Math.log(u);
            case PEARSON -> (u - 1) * (u - 1);
            case NEYMAN -> (1 - u) * (1 - u) / u;
            case SQUARED_HELLINGER -> (Math.sqrt(u) - 1) * (Math.sqrt(u) - 1);
            case JENSEN_SHANNON -> u * Math.log(u) - (u + 1) * Math.log((1 + u) / 2);
            case GAN -> u * Math.log(u) - (u + 1) * Math.log(u + 1);
            case TOTAL_VARIATION -> 0.5 * Math.abs(u - 1);
        };
    }

    /** The raw output v whose activation is f'(u), the optimal critic where p/q = u. */
    static double optimalLogit(FDivergence d, double u) {
        return switch (d) {
            case KL -> 1 + Math.log(u); // f' = 1 + log u, g = identity
            case REVERSE_KL -> Math.log(u); // f' = −1/u = −exp(−v)
            case PEARSON -> 2 * (u - 1); // f' = 2(u − 1)
            case NEYMAN -> -2 * Math.log(u); // f' = 1 − 1/u² = 1 − exp(v)
            case SQUARED_HELLINGER -> 0.5 * Math.log(u); // f' = 1 − 1/√u = 1 − exp(−v)
            case JENSEN_SHANNON, GAN -> Math.log(u); // f' = log(2u/(1+u)) resp. log(u/(1+u)): σ(v) = u/(1+u)
            case TOTAL_VARIATION -> Math.signum(u - 1) * 15; // f' = ±½ = ½ tanh(±∞); tanh(15) is 1 in float
        };
    }

    /** g_f and f* straight from the table, in double. */
    static double activation(FDivergence d, double v) {
        return switch (d) {
            case KL, PEARSON -> v;
            case REVERSE_KL -> -Math.exp(-v);
            case NEYMAN -> 1 - Math.exp(v);
            case SQUARED_HELLINGER -> 1 - Math.exp(-v);
            case JENSEN_SHANNON -> Math.log(2) - softplus(-v);
            case GAN -> -softplus(-v);
            case TOTAL_VARIATION -> 0.5 * Math.tanh(v);
        };
    }

    static double conjugate(FDivergence d, double t) {
        return switch (d) {
            case KL -> Math.exp(t - 1);
            case REVERSE_KL -> -1 - Math.log(-t);
            case PEARSON -> t * t / 4 + t;
            case NEYMAN -> 2 - 2 * Math.sqrt(1 - t);
            case SQUARED_HELLINGER -> t / (1 - t);
            case JENSEN_SHANNON -> -Math.log(2 - Math.exp(t));
            case GAN -> -Math.log(1 - Math.exp(t));
            case TOTAL_VARIATION -> t;
        };
    }

    float[] apply(DoubleUnaryOperator op, float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) op.applyAsDouble(x[i]);
        }
        return out;
    }

    static final float[] LOGITS = {-2.5f, -0.7f, 0f, 0.3f, 1.9f};

    @Test
    void activationAndConjugateMatchTheTableAtKnownPoints() {
        for (FDivergence d : FDivergence.values()) {
            float[] t = apply(v -> activation(d, v), LOGITS);
            assertThat(d.activation(m.create(LOGITS)).toFloatArray()).as(d.key())
                    .containsExactly(apply(v -> activation(d, v), LOGITS), offset(1e-5f));
            // Every activation lands inside f*'s domain, where the table's f* is finite.
            float[] expected = apply(x -> conjugate(d, x), t);
            assertThat(d.conjugate(m.create(t)).toFloatArray()).as(d.key()).containsExactly(expected, offset(2e-5f));
            assertThat(d.conjugateOfActivation(m.create(LOGITS)).toFloatArray()).as(d.key())
                    .containsExactly(expected, offset(2e-5f));
        }
    }

    @Test
    void conjugatesAtHandComputedPoints() {
        assertThat(FDivergence.KL.conjugate(m.create(new float[] {1f})).getFloat()).isCloseTo(1f, offset(1e-6f));
        assertThat(FDivergence.REVERSE_KL.conjugate(m.create(new float[] {-1f})).getFloat()).isCloseTo(-1f, offset(1e-6f));
        assertThat(FDivergence.PEARSON.conjugate(m.create(new float[] {2f})).getFloat()).isCloseTo(3f, offset(1e-6f));
        assertThat(FDivergence.NEYMAN.conjugate(m.create(new float[] {0.75f})).getFloat()).isCloseTo(1f, offset(1e-6f));
        assertThat(FDivergence.SQUARED_HELLINGER.conjugate(m.create(new float[] {0.5f})).getFloat())
                .isCloseTo(1f, offset(1e-6f));
        assertThat(FDivergence.JENSEN_SHANNON.conjugate(m.create(new float[] {0f})).getFloat()).isCloseTo(0f, offset(1e-6f));
        assertThat(FDivergence.GAN.conjugate(m.create(new float[] {(float) Math.log(0.5)})).getFloat())
                .isCloseTo((float) Math.log(2), offset(1e-6f));
        assertThat(FDivergence.TOTAL_VARIATION.activation(m.create(new float[] {100f})).getFloat()).isEqualTo(0.5f);
    }

    /** P and Q on four points, as batches of eight in which each point appears in proportion to its mass. */
    static final double[] P = {1 / 2.0, 1 / 4.0, 1 / 8.0, 1 / 8.0};
    static final double[] Q = {1 / 8.0, 1 / 8.0, 1 / 4.0, 1 / 2.0};

    static float[] batch(double[] mass, double[] critic) {
        float[] out = new float[8];
        int k = 0;
        for (int i = 0; i < mass.length; i++) {
            for (int n = 0; n < Math.round(mass[i] * 8); n++) {
                out[k++] = (float) critic[i];
            }
        }
        return out;
    }

    double bound(FGanLoss loss, double[] critic) {
        NDArray l = loss.discriminatorLoss(m.create(batch(P, critic)), m.create(batch(Q, critic)));
        return -l.getFloat();
    }

    @Test
    void boundAtTheOptimalCriticIsTheDivergenceAndNowhereHigher() {
        for (FDivergence d : FDivergence.values()) {
            double divergence = 0;
            double[] critic = new double[P.length];
            for (int i = 0; i < P.length; i++) {
                divergence += Q[i] * f(d, P[i] / Q[i]);
                critic[i] = optimalLogit(d, P[i] / Q[i]);
            }
            FGanLoss loss = new FGanLoss(d, false);
            double best = bound(loss, critic);
            assertThat(best).as(d.key()).isCloseTo(divergence, offset(1e-5));
            if (d == FDivergence.TOTAL_VARIATION) {
                continue; // its optimum is at ±infinity, flat in float
            }
            for (int i = 0; i < critic.length; i++) {
                for (double step : new double[] {-0.05, 0.05}) {
                    double[] moved = critic.clone();
                    moved[i] += step;
                    assertThat(bound(loss, moved)).as("%s, point %d moved by %s", d.key(), i, step).isLessThan(best);
                }
            }
        }
    }

    @Test
    void generatorFormsAreTheSaddleAndTheNonSaturatingObjective() {
        float[] fake = {-1.2f, 0.4f, 1.5f, -3f, 0f};
        for (FDivergence d : FDivergence.values()) {
            double saddle = -mean(apply(v -> conjugate(d, activation(d, v)), fake));
            double nonSaturating = -mean(apply(v -> activation(d, v), fake));
            assertThat(new FGanLoss(d, true).generatorLoss(m.create(fake)).getFloat()).as(d.key())
                    .isCloseTo((float) saddle, offset(2e-5f));
            assertThat(new FGanLoss(d, false).generatorLoss(m.create(fake)).getFloat()).as(d.key())
                    .isCloseTo((float) nonSaturating, offset(2e-5f));
        }
    }

    @Test
    void theGanDivergenceIsTheOriginalGan() {
        float[] real = {2.5f, -0.3f, 0.7f, -4f, 10f};
        float[] fake = {-1.2f, 0.4f, 3f, -20f, 0f};
        FGanLoss ns = new FGanLoss(FDivergence.GAN, false);
        FGanLoss saddle = new FGanLoss(FDivergence.GAN, true);
        assertThat(ns.discriminatorLoss(m.create(real), m.create(fake)).getFloat()).isCloseTo(
                new NonSaturatingLoss(1).discriminatorLoss(m.create(real), m.create(fake)).getFloat(), offset(1e-6f));
        assertThat(ns.generatorLoss(m.create(fake)).getFloat())
                .isCloseTo(new NonSaturatingLoss(1).generatorLoss(m.create(fake)).getFloat(), offset(1e-6f));
        assertThat(saddle.generatorLoss(m.create(fake)).getFloat())
                .isCloseTo(new MinimaxLoss(1).generatorLoss(m.create(fake)).getFloat(), offset(1e-6f));
    }

    static double mean(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return s / x.length;
    }
}
