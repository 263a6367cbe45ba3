package org.gantry.core.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.TestConfigs;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.GeneratorOutput;
import org.gantry.core.train.GanTrainer;
import org.gantry.data.DataSets;
import org.gantry.data.PointDataset;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * The discrete boundary-seeking GAN's generator estimator on examples of two binary pixels, where
 * every outcome can be enumerated: its expected gradient is that of −Σ_x p̃(x) log g(x|y), with
 * p̃(x) ∝ g(x|y) exp D(x) held fixed (Hjelm et al. 2018, the importance-weighted target).
 */
class DiscreteBoundarySeekingGameTest {
    private static final float[][] OUTCOMES = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};

    private static PointDataset binaryPoints(int n) {
        Rng rng = new Rng(3);
        float[] p = new float[2 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = rng.uniform() < 0.5 ? 1f : -1f;
        }
        return new PointDataset("binary points", p, 2, null);
    }

    @Test
    void theEstimatorsMeanGradientIsTheExactGradientTowardsTheImportanceWeightedDistribution() {
        Config c = TestConfigs.tiny("game.name=bgan_discrete", "game.samples_per_latent=400", "g.output=tanh");
        Game game = Games.create(c);
        int rows = 100;
        float[] y = {0.3f, -0.4f};
        try (GanModel model = Games.model(c, binaryPoints(64)); NDManager m = model.manager().newSubManager()) {
            // D's logit at each outcome; d is an MLP without normalisation, the same in both modes.
            float[] flat = new float[8];
            for (int k = 0; k < 4; k++) {
                System.arraycopy(OUTCOMES[k], 0, flat, 2 * k, 2);
            }
            float[] logit = model.discriminator().forward(m.create(flat, new Shape(4, 2)), false).toFloatArray();

            float[] repeated = new float[2 * rows];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(y, 0, repeated, 2 * r, 2);
            }
            NDArray output = m.create(repeated, new Shape(rows, 2));
            output.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                Play play = new Play(model, null, null, output, output, new Rng(11));
                collector.backward(game.generatorObjective(play).total());
            }
            // Each row's gradient times the rows is one latent vector's estimate (the objective is their mean).
            float[] g = output.getGradient().toFloatArray();
            model.discriminator().clearGradients();

            double[] p = {(y[0] + 1) / 2.0, (y[1] + 1) / 2.0};
            double[] target = new double[4];
            double total = 0;
            for (int k = 0; k < 4; k++) {
                target[k] = likelihood(OUTCOMES[k], p) * Math.exp(logit[k]);
                total += target[k];
            }
            for (int j = 0; j < 2; j++) {
                double exact = 0;
                for (int k = 0; k < 4; k++) {
                    double white = (OUTCOMES[k][j] + 1) / 2;
                    // d/dy_j log g(x|y) = ½ (x_j / p_j − (1 − x_j)/(1 − p_j)), p_j = (y_j + 1)/2.
                    exact -= target[k] / total * 0.5 * (white / p[j] - (1 - white) / (1 - p[j]));
                }
                double mean = 0;
                double square = 0;
                for (int r = 0; r < rows; r++) {
                    double estimate = g[2 * r + j] * rows;
                    mean += estimate / rows;
                    square += estimate * estimate / rows;
                }
                double standardError = Math.sqrt((square - mean * mean) / rows);
                assertThat(standardError).as("pixel %d", j).isLessThan(0.05);
                assertThat(mean).as("pixel %d", j).isCloseTo(exact, offset(4 * standardError + 0.01));
            }
        }
    }

    private static double likelihood(float[] x, double[] p) {
        double l = 1;
        for (int j = 0; j < x.length; j++) {
            l *= x[j] > 0 ? p[j] : 1 - p[j];
        }
        return l;
    }

    @Test
    void drawnPixelsAreBlackOrWhiteWithTheOutputsProbability() {
        try (NDManager m = NDManager.newBaseManager()) {
            int n = 20000;
            float[] out = new float[n];
            java.util.Arrays.fill(out, 0.5f);
            float[] drawn = GeneratorOutput.BERNOULLI_PIXELS.draw(m.create(out), new Rng(4)).toFloatArray();
            int white = 0;
            for (float v : drawn) {
                assertThat(v).isIn(-1f, 1f);
                white += v > 0 ? 1 : 0;
            }
            // p = 0.75; binomial standard deviation √(n p (1 − p)) ≈ 61: four of them either way.
            assertThat(white).isBetween(15000 - 245, 15000 + 245);
        }
    }

    @Test
    void greyImagesAndDynamicsThroughTheExamplesAreRefused() {
        Config grey = TestConfigs.tiny("game.name=bgan_discrete", "g.output=tanh");
        try (GanModel model = Games.model(grey, DataSets.create(grey))) {
            assertThatThrownBy(() -> GanTrainer.create(grey, model, DataSets.create(grey)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("data.binarise=true");
        }
        Config matching = TestConfigs.tiny("game.name=bgan_discrete", "g.output=tanh",
                "loss.generator_objective=feature_matching");
        try (GanModel model = Games.model(matching, binaryPoints(64))) {
            assertThatThrownBy(() -> GanTrainer.create(matching, model, binaryPoints(64)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("feature_matching")
                    .hasMessageContaining("no gradient");
        }
        Config consensus = TestConfigs.tiny("game.name=bgan_discrete", "g.output=tanh", "dynamics.name=consensus");
        try (GanModel model = Games.model(consensus, binaryPoints(64))) {
            assertThatThrownBy(() -> GanTrainer.create(consensus, model, binaryPoints(64)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("dynamics.name=alternating");
        }
        Config linear = TestConfigs.tiny("game.name=bgan_discrete");
        try (GanModel model = Games.model(linear, binaryPoints(64))) {
            assertThatThrownBy(() -> GanTrainer.create(linear, model, binaryPoints(64)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("g.output=tanh");
        }
        assertThatThrownBy(() -> Games.create(TestConfigs.tiny("game.name=bgan_discrete", "d.pack=2")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("d.pack=2");
    }
}
