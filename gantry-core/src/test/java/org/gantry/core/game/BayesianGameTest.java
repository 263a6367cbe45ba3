package org.gantry.core.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.gantry.core.TestConfigs;
import org.gantry.core.loss.NonSaturatingLoss;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Bayesian GAN's potentials on hand-made logits against the sums written out here. */
class BayesianGameTest {
    private static final int NOISE = 2;
    private static final int[] SAMPLE = {0, 1, 0, 1, 1, 0};
    private static final int CRITICS = 3;
    NDManager m;

    @BeforeEach
    void open() {
        TestConfigs.tiny();
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    private static float logit(int row, int critic, float shift) {
        return (float) Math.sin(1.3 * row + 0.7 * critic) * 2 + shift;
    }

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    private Play play() {
        int rows = SAMPLE.length;
        float[] latent = new float[rows * (NOISE + 2)];
        float[] real = new float[rows * CRITICS];
        float[] fake = new float[rows * CRITICS];
        for (int i = 0; i < rows; i++) {
            latent[i * (NOISE + 2) + NOISE + SAMPLE[i]] = 1f;
            for (int l = 0; l < CRITICS; l++) {
                real[i * CRITICS + l] = logit(i, l, 0.5f);
                fake[i * CRITICS + l] = logit(i, l, -0.5f);
            }
        }
        return Play.ofOutputs(Map.of("d", m.create(real, new Shape(rows, CRITICS))),
                Map.of("d", m.create(fake, new Shape(rows, CRITICS))), m.create(latent, new Shape(rows, NOISE + 2)));
    }

    @Test
    void eachGeneratorSamplesPotentialAveragesItsRowsLossOverTheCriticSamples() {
        BayesianGame game = new BayesianGame(new NonSaturatingLoss(1), 2, CRITICS, NOISE);
        double expected = 0;
        for (int j = 0; j < 2; j++) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < SAMPLE.length; i++) {
                if (SAMPLE[i] == j) {
                    n++;
                    for (int l = 0; l < CRITICS; l++) {
                        sum += softplus(-logit(i, l, -0.5f)); // -log sigmoid(logit)
                    }
                }
            }
            expected += sum / n / CRITICS;
        }
        assertThat((double) game.generatorObjective(play()).total().getFloat()).isCloseTo(expected, offset(1e-5));
    }

    @Test
    void eachCriticSampleJudgesTheRealBatchAndEveryGeneratorSamplesRows() {
        BayesianGame game = new BayesianGame(new NonSaturatingLoss(1), 2, CRITICS, NOISE);
        double real = 0;
        double fake = 0;
        for (int l = 0; l < CRITICS; l++) {
            for (int i = 0; i < SAMPLE.length; i++) {
                real += softplus(-logit(i, l, 0.5f)) / SAMPLE.length;
                fake += softplus(logit(i, l, -0.5f)) / SAMPLE.length;
            }
        }
        Objective o = game.criticObjective(play());
        assertThat((double) o.terms().get("d_loss_real").getFloat()).isCloseTo(real, offset(1e-5));
        assertThat((double) o.terms().get("d_loss_fake").getFloat()).isCloseTo(fake, offset(1e-5));
        assertThat((double) o.total().getFloat()).isCloseTo(real + fake, offset(1e-5));
    }
}
