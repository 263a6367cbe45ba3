package org.gantry.core.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.gantry.core.ArrayTest;
import org.gantry.core.TestConfigs;
import org.gantry.core.model.GanModel;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/** The Bayesian GAN's potentials against the sums written out here over d's logits. */
class BayesianGameTest extends ArrayTest {
    private static final int NOISE = 2;
    private static final int[] SAMPLE = {0, 1, 0, 1, 1, 0};
    private static final int CRITICS = 3;

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    /** A model of two generator and three discriminator samples; d an MLP without normalisation, so each row's logits are its own. */
    private GanModel model() {
        return Games.model(TestConfigs.tiny("game.name=bayesian", "game.generator_samples=2",
                "game.critic_samples=" + CRITICS, "g.z_dim=" + NOISE), new int[] {2});
    }

    private Play play(GanModel model) {
        int rows = SAMPLE.length;
        float[] latent = new float[rows * (NOISE + 2)];
        float[] real = new float[rows * 2];
        float[] fake = new float[rows * 2];
        for (int i = 0; i < rows; i++) {
            latent[i * (NOISE + 2) + NOISE + SAMPLE[i]] = 1f;
            real[2 * i] = (float) Math.sin(i);
            real[2 * i + 1] = (float) Math.cos(2 * i);
            fake[2 * i] = (float) Math.cos(1.5 * i) * 2;
            fake[2 * i + 1] = (float) Math.sin(0.5 * i) - 1;
        }
        NDArray x = m.create(real, new Shape(rows, 2));
        return new Play(model, () -> x, m.create(latent, new Shape(rows, NOISE + 2)), m.create(fake, new Shape(rows, 2)),
                new Rng(1));
    }

    /** d's logits, [rows][critic sample], from one pass over all rows: with no normalisation, what any pass gives. */
    private static float[][] logits(GanModel model, NDArray x) {
        float[] flat = model.network("d").forward(x, true).toFloatArray();
        float[][] out = new float[SAMPLE.length][CRITICS];
        for (int i = 0; i < SAMPLE.length; i++) {
            System.arraycopy(flat, i * CRITICS, out[i], 0, CRITICS);
        }
        return out;
    }

    @Test
    void eachGeneratorSamplesPotentialAveragesItsRowsLossOverTheCriticSamples() {
        try (GanModel model = model()) {
            Play play = play(model);
            float[][] fake = logits(model, play.fake());
            double expected = 0;
            for (int j = 0; j < 2; j++) {
                double sum = 0;
                int n = 0;
                for (int i = 0; i < SAMPLE.length; i++) {
                    if (SAMPLE[i] == j) {
                        n++;
                        for (int l = 0; l < CRITICS; l++) {
                            sum += softplus(-fake[i][l]); // -log sigmoid(logit)
                        }
                    }
                }
                expected += sum / n / CRITICS;
            }
            BayesianGame game = (BayesianGame) Games.create(TestConfigs.tiny("game.name=bayesian",
                    "game.generator_samples=2", "game.critic_samples=" + CRITICS, "g.z_dim=" + NOISE));
            assertThat((double) game.generatorObjective(play).total().getFloat()).isCloseTo(expected, offset(1e-5));
        }
    }

    @Test
    void eachCriticSampleJudgesTheRealBatchAndEveryGeneratorSamplesRows() {
        try (GanModel model = model()) {
            Play play = play(model);
            float[][] real = logits(model, play.real());
            float[][] fake = logits(model, play.fake());
            double realTerm = 0;
            double fakeTerm = 0;
            for (int l = 0; l < CRITICS; l++) {
                for (int i = 0; i < SAMPLE.length; i++) {
                    realTerm += softplus(-real[i][l]) / SAMPLE.length;
                }
                // The mean over the two generator samples of the mean over each one's three rows.
                for (int j = 0; j < 2; j++) {
                    for (int i = 0; i < SAMPLE.length; i++) {
                        if (SAMPLE[i] == j) {
                            fakeTerm += softplus(fake[i][l]) / 3 / 2;
                        }
                    }
                }
            }
            BayesianGame game = (BayesianGame) Games.create(TestConfigs.tiny("game.name=bayesian",
                    "game.generator_samples=2", "game.critic_samples=" + CRITICS, "g.z_dim=" + NOISE));
            Objective o = game.criticObjective(play);
            assertThat((double) o.terms().get("d_loss_real").getFloat()).isCloseTo(realTerm, offset(1e-5));
            assertThat((double) o.terms().get("d_loss_fake").getFloat()).isCloseTo(fakeTerm, offset(1e-5));
            assertThat((double) o.total().getFloat()).isCloseTo(realTerm + fakeTerm, offset(1e-5));
        }
    }
}
