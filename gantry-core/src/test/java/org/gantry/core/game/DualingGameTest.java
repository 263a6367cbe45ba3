package org.gantry.core.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.TestConfigs;
import org.gantry.core.model.GanModel;
import org.gantry.core.train.GanTrainer;
import org.gantry.data.DataSets;
import org.gantry.data.GaussianMixture;
import org.gantry.data.PointDataset;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * The dualing game writes the exact critic into d, and the generator's gradient is the derivative of
 * the solved value −P*: checked against central differences of −P*, re-solved each time.
 */
class DualingGameTest {
    private static final int B = 16;

    private static float[] points(Rng rng, int n, double cx, double cy) {
        float[] p = new float[2 * n];
        for (int i = 0; i < n; i++) {
            p[2 * i] = (float) (cx + rng.gaussian());
            p[2 * i + 1] = (float) (cy + 0.5 * rng.gaussian());
        }
        return p;
    }

    @Test
    void theSolvedCriticIsDsAndTheGeneratorFollowsTheDerivativeOfTheSolvedValue() {
        Config c = TestConfigs.tiny("game.name=dualing", "d.arch=linear", "game.dual_regulariser=0.05");
        Game game = Games.create(c);
        Rng rng = new Rng(21);
        float[] real = points(rng, B, 1, 0.5);
        float[] fake = points(rng, B, -0.5, -1);
        try (GanModel model = Games.model(c, DataSets.create(c)); NDManager m = model.manager().newSubManager()) {
            NDArray realArray = m.create(real, new Shape(B, 2));
            NDArray fakeArray = m.create(fake, new Shape(B, 2));
            Map<String, Double> values = game.solveCritic(new Play(model, () -> realArray, null, fakeArray, rng));
            LogisticDual.Solution s = LogisticDual.solve(real, B, fake, B, 2, 0.05, new double[3]);
            assertThat(values.get("d_loss")).isCloseTo(s.primal(), offset(1e-9));
            assertThat(values.get("duality_gap")).isCloseTo(0, offset(1e-9));
            float[] logits = model.discriminator().forward(fakeArray, false).toFloatArray();
            for (int i = 0; i < B; i++) {
                double expected = s.weights()[0] * fake[2 * i] + s.weights()[1] * fake[2 * i + 1] + s.weights()[2];
                assertThat((double) logits[i]).isCloseTo(expected, offset(1e-5));
            }

            NDArray generated = m.create(fake, new Shape(B, 2));
            generated.setRequiresGradient(true);
            model.discriminator().setTracking(false);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(game.generatorObjective(new Play(model, () -> realArray, null, generated, rng))
                        .total());
            }
            model.discriminator().setTracking(true);
            float[] gradient = generated.getGradient().toFloatArray();
            for (int i : new int[] {0, 7, 15}) {
                for (int j = 0; j < 2; j++) {
                    float[] up = fake.clone();
                    float[] down = fake.clone();
                    up[2 * i + j] += 1e-3f;
                    down[2 * i + j] -= 1e-3f;
                    double h = (double) up[2 * i + j] - down[2 * i + j];
                    double value = -(LogisticDual.solve(real, B, up, B, 2, 0.05, s.weights()).primal()
                            - LogisticDual.solve(real, B, down, B, 2, 0.05, s.weights()).primal()) / h;
                    assertThat((double) gradient[2 * i + j]).as("example %d, coordinate %d", i, j)
                            .isCloseTo(value, offset(1e-5));
                }
            }
        }
    }

    /**
     * Li et al.'s point on a 2D toy, as bench/dualing shows it: one Gaussian at (1.5, 1), the same
     * linear critic. Measured at step 1,500 (seeds 0, 1, 2), the generated mean's distance to the
     * data mean: dualing 0.03 / 0.20 / 0.05, gradient play 2.2 / 3.6 / 3.0 (it circles and drifts).
     */
    @Test
    void withTheSameLinearCriticTheDualisedGameSettlesWhereGradientPlayDoesNot() {
        GaussianMixture target = new GaussianMixture(new double[][] {{1.5, 1.0}}, 0.2);
        PointDataset data = new PointDataset("gaussian", target.sample(20_000, Rng.forPurpose(0, "toy-data")), 2,
                target);
        assertThat(distanceAfter("dualing", data, 1500)).isLessThan(0.3);
        assertThat(distanceAfter("standard", data, 1500)).isGreaterThan(1.0);
    }

    private static double distanceAfter(String game, PointDataset data, int steps) {
        Config c = TestConfigs.tiny("game.name=" + game, "d.arch=linear", "loss.name=ns", "g.widths=64,64",
                "train.batch=64", "seed=0");
        try (GanModel model = Games.model(c, data); GanTrainer trainer = GanTrainer.create(c, model, data)) {
            for (int s = 0; s < steps; s++) {
                trainer.trainStep();
            }
            float[] z = new float[1000 * model.latentSize()];
            model.drawLatent(Rng.forPurpose(0, "toy-probe"), z);
            float[] x = model.generate(z, 1000);
            double mx = 0;
            double my = 0;
            for (int i = 0; i < 1000; i++) {
                mx += x[2 * i] / 1000.0;
                my += x[2 * i + 1] / 1000.0;
            }
            return Math.hypot(mx - 1.5, my - 1.0);
        }
    }

    @Test
    void onlyACriticJudgingExamplesAloneAlternatingAndUnpenalisedIsSolved() {
        String[][] bad = {{"d.arch=mlp", "d.norm=batch"}, {"d.arch=mlp", "d.hidden_noise=0.5"},
            {"d.arch=mlp", "d.minibatch_kernels=4"}, {"d.arch=linear", "dynamics.name=consensus"},
            {"d.arch=linear", "regulariser.name=r1"}, {"d.arch=mlp", "d.widths=4096,4096", "train.batch=64"},
            {"d.arch=linear", "train.historical_averaging=0.1"}};
        String[] named = {"BatchNormLayer", "GaussianNoiseLayer", "MinibatchDiscrimination", "dynamics.name=consensus",
            "regulariser.name=r1", "train.batch=64", "train.historical_averaging=0.1"};
        for (int i = 0; i < bad.length; i++) {
            Config c = TestConfigs.tiny(concat("game.name=dualing", bad[i]));
            try (GanModel model = Games.model(c, DataSets.create(c))) {
                assertThatThrownBy(() -> GanTrainer.create(c, model, DataSets.create(c)))
                        .isInstanceOf(ConfigException.class).hasMessageContaining(named[i]);
            }
        }
        assertThatThrownBy(() -> Games.create(TestConfigs.tiny("game.name=dualing", "d.arch=linear", "d.norm=spectral")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("d.norm=spectral");
    }

    /**
     * The trust-region step of a non-linear critic solves its linearised problem: the step Δ taken
     * makes (1/n) Σ −σ(−y_k m_k) y_k (g_k·u) + λ Δ·u vanish for every direction u, with
     * m_k = d(x_k) + g_k·Δ. Every g_k·u here is a central difference of the network along u, not the
     * per-example gradients the step used.
     */
    @Test
    void theTrustRegionStepSolvesItsLinearisedProblem() {
        double lambda = 0.5;
        Config c = TestConfigs.tiny("game.name=dualing", "d.arch=mlp", "d.widths=8,8", "d.activation=tanh",
                "game.dual_regulariser=" + lambda);
        Game game = Games.create(c);
        Rng rng = new Rng(5);
        float[] real = points(rng, B, 1, 0.5);
        float[] fake = points(rng, B, -0.5, -1);
        try (GanModel model = Games.model(c, DataSets.create(c)); NDManager m = model.manager().newSubManager()) {
            NDArray realArray = m.create(real, new Shape(B, 2));
            NDArray fakeArray = m.create(fake, new Shape(B, 2));
            NDArray both = realArray.concat(fakeArray, 0);
            var parameters = model.discriminator().trainableArrays();
            float[][] start = new float[parameters.size()][];
            for (int i = 0; i < start.length; i++) {
                start[i] = parameters.get(i).toFloatArray();
            }
            double[] before = logits(model, both);
            Map<String, Double> values = game.solveCritic(new Play(model, () -> realArray, null, fakeArray, rng));
            double scale = values.get("d_step_scale");
            assertThat(scale).isEqualTo(1.0);
            double[][] delta = new double[start.length][];
            double squared = 0;
            for (int i = 0; i < start.length; i++) {
                float[] now = parameters.get(i).toFloatArray();
                delta[i] = new double[now.length];
                for (int j = 0; j < now.length; j++) {
                    delta[i][j] = now[j] - (double) start[i][j];
                    squared += delta[i][j] * delta[i][j];
                }
            }
            assertThat(squared).isGreaterThan(1e-6);
            double[] along = directional(model, both, start, delta);
            Rng directions = new Rng(9);
            for (int trial = 0; trial < 4; trial++) {
                double[][] u = new double[start.length][];
                double dot = 0;
                for (int i = 0; i < start.length; i++) {
                    u[i] = new double[start[i].length];
                    for (int j = 0; j < u[i].length; j++) {
                        u[i][j] = trial == 0 ? delta[i][j] : directions.gaussian() * 0.1;
                        dot += delta[i][j] * u[i][j];
                    }
                }
                double[] gu = directional(model, both, start, u);
                double stationarity = lambda * dot;
                double size = Math.abs(lambda * dot);
                for (int k = 0; k < 2 * B; k++) {
                    double y = k < B ? 1 : -1;
                    double margin = before[k] + along[k];
                    double term = -y * gu[k] / (1 + Math.exp(y * margin)) / (2 * B);
                    stationarity += term;
                    size += Math.abs(term);
                }
                // Float central differences of step 1e-2 carry errors near 1e-5 of the terms' size (measured
                // at most 1.4e-5 on the AMD EPYC); an unsolved problem leaves them of order 1.
                assertThat(stationarity / size).as("direction %d", trial).isCloseTo(0, offset(2e-4));
            }
            restore(parameters, start, null, 0);
            // The reported loss is the true logistic loss after the step, and lower than before it.
            restore(parameters, start, delta, 1);
            double[] after = logits(model, both);
            double lossBefore = 0;
            double lossAfter = 0;
            for (int k = 0; k < 2 * B; k++) {
                double y = k < B ? 1 : -1;
                lossBefore += LogisticDual.softplus(-y * before[k]) / (2 * B);
                lossAfter += LogisticDual.softplus(-y * after[k]) / (2 * B);
            }
            assertThat(values.get("d_loss")).isCloseTo(lossAfter, offset(1e-5));
            assertThat(lossAfter).isLessThan(lossBefore);
            assertThat(values.get("duality_gap")).isCloseTo(0, offset(1e-9));
        }
    }

    private static double[] logits(GanModel model, NDArray x) {
        float[] v = model.discriminator().forward(x, false).toFloatArray();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** (d(θ₀ + εu) − d(θ₀ − εu)) / 2ε for every example. */
    private static double[] directional(GanModel model, NDArray x, float[][] start, double[][] u) {
        var parameters = model.discriminator().trainableArrays();
        double eps = 1e-2;
        restore(parameters, start, u, eps);
        double[] up = logits(model, x);
        restore(parameters, start, u, -eps);
        double[] down = logits(model, x);
        restore(parameters, start, null, 0);
        double[] out = new double[up.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = (up[k] - down[k]) / (2 * eps);
        }
        return out;
    }

    private static void restore(java.util.List<NDArray> parameters, float[][] start, double[][] u, double eps) {
        for (int i = 0; i < start.length; i++) {
            float[] v = start[i].clone();
            for (int j = 0; j < v.length && u != null; j++) {
                v[j] += (float) (eps * u[i][j]);
            }
            try (NDArray next = parameters.get(i).getManager().create(v, parameters.get(i).getShape())) {
                org.gantry.core.engine.TorchEngine.assign(parameters.get(i), next);
            }
        }
    }

    /** A non-linear critic's rounds are finite, leave no array or gradient behind, and report their step. */
    @Test
    void aNonLinearCriticTakesStepsAndLeavesNothingBehind() {
        Config c = TestConfigs.tiny("game.name=dualing", "d.widths=16,16");
        try (GanModel model = Games.model(c, DataSets.create(c)); GanTrainer t = GanTrainer.create(c, model,
                DataSets.create(c))) {
            t.trainStep();
            int arrays = model.manager().getManagedArrays().size();
            for (int s = 0; s < 3; s++) {
                Map<String, Double> values = t.trainStep().values();
                assertThat(values).containsKeys("d_loss", "d_loss_real", "d_loss_fake", "duality_gap", "d_step_scale",
                        "g_loss");
                assertThat(values.get("d_loss")).isCloseTo(values.get("d_loss_real") + values.get("d_loss_fake"),
                        offset(1e-12));
            }
            assertThat(model.manager().getManagedArrays()).hasSize(arrays);
            for (var p : model.discriminator().parameters()) {
                assertThat(org.gantry.core.engine.TorchEngine.gradientHasHistory(p)).isFalse();
            }
            assertThat(model.allFinite()).isTrue();
        }
    }

    private static String[] concat(String first, String... rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
