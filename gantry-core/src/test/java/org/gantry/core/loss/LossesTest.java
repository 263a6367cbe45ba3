package org.gantry.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import java.util.function.DoubleUnaryOperator;
import org.gantry.core.ArrayTest;
import org.gantry.core.TestConfigs;
import org.junit.jupiter.api.Test;

class LossesTest extends ArrayTest {
    static final float[] REAL = {2.5f, -0.3f, 0.7f, -4f, 10f};
    static final float[] FAKE = {-1.2f, 0.4f, 3f, -20f, 0f};

    static double softplus(double t) {
        return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
    }

    static double mean(float[] v, DoubleUnaryOperator f) {
        double s = 0;
        for (float x : v) {
            s += f.applyAsDouble(x);
        }
        return s / v.length;
    }

    double d(AdversarialLoss loss, float[] real, float[] fake) {
        return loss.discriminatorLoss(m.create(real), m.create(fake)).getFloat();
    }

    double g(AdversarialLoss loss, float[] fake) {
        return loss.generatorLoss(m.create(fake)).getFloat();
    }

    @Test
    void nonSaturatingAtZeroLogits() {
        float[] zeros = {0, 0, 0};
        assertThat(d(new NonSaturatingLoss(1.0), zeros, zeros)).isCloseTo(2 * Math.log(2), offset(1e-6));
        assertThat(g(new NonSaturatingLoss(1.0), zeros)).isCloseTo(Math.log(2), offset(1e-6));
        assertThat(g(new MinimaxLoss(1.0), zeros)).isCloseTo(-Math.log(2), offset(1e-6));
    }

    @Test
    void crossEntropyLossesMatchClosedForms() {
        double dExpected = mean(REAL, x -> softplus(-x)) + mean(FAKE, LossesTest::softplus);
        assertThat(d(new NonSaturatingLoss(1.0), REAL, FAKE)).isCloseTo(dExpected, offset(1e-5));
        assertThat(d(new MinimaxLoss(1.0), REAL, FAKE)).isCloseTo(dExpected, offset(1e-5));
        assertThat(g(new NonSaturatingLoss(1.0), FAKE)).isCloseTo(mean(FAKE, x -> softplus(-x)), offset(1e-5));
        assertThat(g(new MinimaxLoss(1.0), FAKE)).isCloseTo(-mean(FAKE, LossesTest::softplus), offset(1e-5));
    }

    @Test
    void oneSidedLabelSmoothingTargetsAlphaForRealAndZeroForFake() {
        double alpha = 0.9;
        double dExpected = mean(REAL, x -> alpha * softplus(-x) + (1 - alpha) * softplus(x))
                + mean(FAKE, LossesTest::softplus);
        assertThat(d(new NonSaturatingLoss(alpha), REAL, FAKE)).isCloseTo(dExpected, offset(1e-5));
        assertThat(d(new MinimaxLoss(alpha), REAL, FAKE)).isCloseTo(dExpected, offset(1e-5));
        // The optimum for one real logit moves from +infinity to log(alpha / (1 - alpha)).
        float best = (float) Math.log(alpha / (1 - alpha));
        double at = d(new NonSaturatingLoss(alpha), new float[] {best}, new float[] {-30f});
        assertThat(at).isLessThan(d(new NonSaturatingLoss(alpha), new float[] {best + 0.1f}, new float[] {-30f}));
        assertThat(at).isLessThan(d(new NonSaturatingLoss(alpha), new float[] {best - 0.1f}, new float[] {-30f}));
        // The generator's objective does not change.
        assertThat(g(new NonSaturatingLoss(alpha), FAKE)).isCloseTo(g(new NonSaturatingLoss(1.0), FAKE), offset(1e-7));
    }

    @Test
    void wassersteinIsADifferenceOfMeans() {
        assertThat(d(new WassersteinLoss(), new float[] {1, 3}, new float[] {2, 4})).isCloseTo(1.0, offset(1e-6));
        assertThat(d(new WassersteinLoss(), REAL, FAKE)).isCloseTo(mean(FAKE, x -> x) - mean(REAL, x -> x), offset(1e-5));
        assertThat(g(new WassersteinLoss(), FAKE)).isCloseTo(-mean(FAKE, x -> x), offset(1e-5));
    }

    @Test
    void hingeIsZeroAtTheMargins() {
        assertThat(d(new HingeLoss(), new float[] {1, 1}, new float[] {-1, -1})).isCloseTo(0.0, offset(1e-7));
        double expected = mean(REAL, x -> Math.max(0, 1 - x)) + mean(FAKE, x -> Math.max(0, 1 + x));
        assertThat(d(new HingeLoss(), REAL, FAKE)).isCloseTo(expected, offset(1e-5));
        assertThat(g(new HingeLoss(), FAKE)).isCloseTo(-mean(FAKE, x -> x), offset(1e-5));
    }

    @Test
    void boundarySeekingGeneratorIsHalfTheSquaredLogitAndFlatAtTheBoundary() {
        assertThat(g(new BoundarySeekingLoss(1), FAKE)).isCloseTo(0.5 * mean(FAKE, x -> x * x), offset(1e-4));
        NDArray v = m.create(new float[] {0f, 0f, 0f});
        v.setRequiresGradient(true);
        try (ai.djl.training.GradientCollector c = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            c.backward(new BoundarySeekingLoss(1).generatorLoss(v));
        }
        // D(G(z)) = 1/2, where D/(1 - D) = 1: the boundary, where the generator stops.
        assertThat(v.getGradient().toFloatArray()).containsOnly(0f);
        assertThat(d(new BoundarySeekingLoss(1), REAL, FAKE)).isCloseTo(d(new NonSaturatingLoss(1), REAL, FAKE), offset(1e-6));
    }

    @Test
    void leastSquaresMatchesItsTargets() {
        assertThat(d(new LeastSquaresLoss(), new float[] {1, 1}, new float[] {0, 0})).isCloseTo(0.0, offset(1e-7));
        assertThat(g(new LeastSquaresLoss(), new float[] {0, 0})).isCloseTo(0.5, offset(1e-7));
        double expected = 0.5 * mean(REAL, x -> (x - 1) * (x - 1)) + 0.5 * mean(FAKE, x -> x * x);
        assertThat(d(new LeastSquaresLoss(), REAL, FAKE)).isCloseTo(expected, offset(1e-4));
        assertThat(g(new LeastSquaresLoss(), FAKE)).isCloseTo(0.5 * mean(FAKE, x -> (x - 1) * (x - 1)), offset(1e-4));
    }

    /** Closed forms of each loss's real and fake terms (METHODS.md section 1), by registry name. */
    static final java.util.Map<String, DoubleUnaryOperator[]> TERMS = java.util.Map.of(
            "ns", new DoubleUnaryOperator[] {x -> softplus(-x), LossesTest::softplus},
            "minimax", new DoubleUnaryOperator[] {x -> softplus(-x), LossesTest::softplus},
            "bgan", new DoubleUnaryOperator[] {x -> softplus(-x), LossesTest::softplus},
            "hinge", new DoubleUnaryOperator[] {x -> Math.max(0, 1 - x), x -> Math.max(0, 1 + x)},
            "lsgan", new DoubleUnaryOperator[] {x -> 0.5 * (x - 1) * (x - 1), x -> 0.5 * x * x},
            "wgan", new DoubleUnaryOperator[] {x -> -x, x -> x},
            // f-GAN's default divergence, Jensen-Shannon: -(log 2 - softplus(-v)) and -log(2 - exp(log 2 - softplus(-v))).
            "fgan", new DoubleUnaryOperator[] {x -> softplus(-x) - Math.log(2), x -> softplus(x) - Math.log(2)});

    @Test
    void everyLossSplitsIntoItsRealAndFakeTermsWhichSumToTheDiscriminatorLoss() {
        assertThat(TERMS.keySet()).containsExactlyInAnyOrderElementsOf(Losses.REGISTRY.names());
        for (String name : Losses.REGISTRY.names()) {
            AdversarialLoss loss = Losses.REGISTRY.create(name, TestConfigs.tiny());
            float real = loss.realTerm(m.create(REAL)).getFloat();
            float fake = loss.fakeTerm(m.create(FAKE)).getFloat();
            assertThat(real).as(name).isCloseTo((float) mean(REAL, TERMS.get(name)[0]), offset(1e-4f));
            assertThat(fake).as(name).isCloseTo((float) mean(FAKE, TERMS.get(name)[1]), offset(1e-4f));
            // The sum is the loss bit for bit: reported terms add up to the reported d_loss.
            assertThat((float) d(loss, REAL, FAKE)).as(name).isEqualTo(real + fake);
        }
    }

    @Test
    void everyRegisteredLossIsFiniteOnExtremeLogits() {
        for (String name : Losses.REGISTRY.names()) {
            AdversarialLoss loss = Losses.REGISTRY.create(name, TestConfigs.tiny());
            assertThat(d(loss, new float[] {80, -80}, new float[] {-80, 80})).as(name).isFinite();
            assertThat(g(loss, new float[] {-80, 80})).as(name).isFinite();
        }
    }
}
