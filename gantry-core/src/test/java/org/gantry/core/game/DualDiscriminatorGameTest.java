package org.gantry.core.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.gantry.core.ArrayTest;
import org.gantry.core.TestConfigs;
import org.junit.jupiter.api.Test;

/**
 * D2GAN's objectives at the optimal discriminators D1 = α p/q and D2 = β q/p of two known
 * distributions, against the closed forms of Nguyen et al. (2017), Theorem 2.
 */
class DualDiscriminatorGameTest extends ArrayTest {
    static final double ALPHA = 0.7;
    static final double BETA = 1.3;
    /** P and Q on four points, as batches of eight in which each point appears in proportion to its mass. */
    static final double[] P = {1 / 2.0, 1 / 4.0, 1 / 8.0, 1 / 8.0};
    static final double[] Q = {1 / 8.0, 1 / 8.0, 1 / 4.0, 1 / 2.0};

    /** The raw output v with softplus(v) = y. */
    static double inverseSoftplus(double y) {
        return Math.log(Math.expm1(y));
    }

    NDArray batch(double[] mass, double[] value) {
        float[] out = new float[8];
        int k = 0;
        for (int i = 0; i < mass.length; i++) {
            for (int n = 0; n < Math.round(mass[i] * 8); n++) {
                out[k++] = (float) value[i];
            }
        }
        return m.create(out);
    }

    Play play(double[] v1, double[] v2) {
        return Play.ofOutputs(Map.of("d", batch(P, v1), "d2", batch(P, v2)),
                Map.of("d", batch(Q, v1), "d2", batch(Q, v2)));
    }

    double[][] optimalOutputs() {
        double[] v1 = new double[P.length];
        double[] v2 = new double[P.length];
        for (int i = 0; i < P.length; i++) {
            v1[i] = inverseSoftplus(ALPHA * P[i] / Q[i]);
            v2[i] = inverseSoftplus(BETA * Q[i] / P[i]);
        }
        return new double[][] {v1, v2};
    }

    @Test
    void atTheOptimalDiscriminatorsTheValueIsBothKullbackLeiblerDivergences() {
        double klPQ = 0;
        double klQP = 0;
        for (int i = 0; i < P.length; i++) {
            klPQ += P[i] * Math.log(P[i] / Q[i]);
            klQP += Q[i] * Math.log(Q[i] / P[i]);
        }
        DualDiscriminatorGame game = new DualDiscriminatorGame(ALPHA, BETA);
        double[][] best = optimalOutputs();
        // The discriminators maximise V = −L_D1 − L_D2; Theorem 2 of the paper gives its optimum.
        double value = -game.criticObjective(play(best[0], best[1])).total().getFloat();
        double expected = ALPHA * (Math.log(ALPHA) - 1) + BETA * (Math.log(BETA) - 1) + ALPHA * klPQ + BETA * klQP;
        assertThat(value).isCloseTo(expected, offset(1e-5));
        // The generator's side of the same value: −E_Q D1 + β E_Q log D2 = −α + β log β + β KL(Q‖P).
        double g = game.generatorObjective(play(best[0], best[1])).total().getFloat();
        assertThat(g).isCloseTo(-ALPHA + BETA * Math.log(BETA) + BETA * klQP, offset(1e-5));
    }

    @Test
    void theOptimalDiscriminatorsMinimiseTheCriticObjectiveInEveryDirection() {
        DualDiscriminatorGame game = new DualDiscriminatorGame(ALPHA, BETA);
        double[][] best = optimalOutputs();
        double at = game.criticObjective(play(best[0], best[1])).total().getFloat();
        for (int which = 0; which < 2; which++) {
            for (int i = 0; i < P.length; i++) {
                for (double step : new double[] {-0.05, 0.05}) {
                    double[][] moved = {best[0].clone(), best[1].clone()};
                    moved[which][i] += step;
                    double l = game.criticObjective(play(moved[0], moved[1])).total().getFloat();
                    assertThat(l).as("D%d at point %d moved by %s", which + 1, i, step).isGreaterThan(at);
                }
            }
        }
    }

    /** The arrays of {@code name}'s parameters, copied. */
    static java.util.List<float[]> weights(org.gantry.core.model.GanModel model, String name) {
        return model.network(name).trainableArrays().stream().map(NDArray::toFloatArray).toList();
    }

    @Test
    void theSecondDiscriminatorsOptimizerFollowsTheFirstsUnlessSetItself() {
        for (String[] sets : new String[][] {{"d.lr=0"}, {"d.lr=0", "d2.lr=0.001"}}) {
            String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("game.name=d2gan"),
                    java.util.Arrays.stream(sets)).toArray(String[]::new);
            org.gantry.config.Config c = TestConfigs.tiny(all);
            try (org.gantry.core.model.GanModel model = Games.model(c, new int[] {2})) {
                var before = weights(model, "d2");
                var d = weights(model, "d");
                var trainer = org.gantry.core.train.GanTrainer.create(c, model, org.gantry.data.DataSets.create(c));
                trainer.trainStep();
                trainer.close();
                var after = weights(model, "d2");
                boolean moved = false;
                for (int i = 0; i < before.size(); i++) {
                    moved |= !java.util.Arrays.equals(before.get(i), after.get(i));
                    assertThat(weights(model, "d").get(i)).as("d has lr 0").containsExactly(d.get(i));
                }
                assertThat(moved).as(String.join(" ", sets)).isEqualTo(sets.length == 2);
            }
        }
    }

    @Test
    void termsAddUpToTheTotal() {
        double[][] best = optimalOutputs();
        Objective o = new DualDiscriminatorGame(ALPHA, BETA).criticObjective(play(best[0], best[1]));
        assertThat(o.terms().keySet()).containsExactly("d_loss_real", "d_loss_fake");
        assertThat(o.terms().get("d_loss_real").getFloat() + o.terms().get("d_loss_fake").getFloat())
                .isEqualTo(o.total().getFloat());
    }

    @Test
    void logOfThePositiveOutputIsFiniteWithAFiniteGradientEverywhere() {
        NDArray v = m.create(new float[] {-200f, -40f, -15.5f, -14.5f, 0f, 3f, 60f});
        v.setRequiresGradient(true);
        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
            NDArray y = DualDiscriminatorGame.logPositive(v);
            float[] values = y.toFloatArray();
            double[] raw = {-200, -40, -15.5, -14.5, 0, 3, 60};
            for (int i = 0; i < raw.length; i++) {
                // log softplus(v) = log log1p(e^v), which is v + log1p(−e^v/2 + ...) → v for very negative v.
                double exact = raw[i] < -30 ? raw[i] : Math.log(Math.log1p(Math.exp(raw[i])));
                assertThat((double) values[i]).as("v = %s", raw[i]).isCloseTo(exact, offset(1e-5 * Math.max(1, Math.abs(exact))));
            }
            c.backward(y.sum());
        }
        float[] grad = v.getGradient().toFloatArray();
        double[] raw = {-200, -40, -15.5, -14.5, 0, 3, 60};
        for (int i = 0; i < raw.length; i++) {
            // d/dv log softplus(v) = σ(v) / softplus(v), which tends to 1 as v → −∞.
            double sp = Math.log1p(Math.exp(raw[i]));
            double exact = raw[i] < -30 ? 1 : (1 / (1 + Math.exp(-raw[i]))) / sp;
            assertThat((double) grad[i]).as("v = %s", raw[i]).isCloseTo(exact, offset(1e-5));
        }
    }
}
