package org.gantry.core.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.gantry.config.Config;
import org.gantry.core.ArrayTest;
import org.gantry.core.TestConfigs;
import org.gantry.core.model.GanModel;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * DeePSiM's adversarial term against sums written out here over d's logits: the critic scores real
 * examples as real and their reconstructions as fake, the reconstructions being decoded from the
 * codes the generator side trains on (for the VAE, drawn codes μ + σε, not the means).
 */
class ImageAdversarialObjectiveTest extends ArrayTest {
    private static final int ROWS = 6;
    private static final int CODE = 2;
    private static final long SEED = 5;

    private static Config config(String game) {
        return TestConfigs.tiny("game.name=" + game, "game.adversarial_weight=0.5", "g.z_dim=" + CODE);
    }

    private NDArray real() {
        float[] v = new float[ROWS * 2];
        for (int i = 0; i < ROWS; i++) {
            v[2 * i] = (float) Math.sin(i);
            v[2 * i + 1] = (float) Math.cos(2 * i);
        }
        return m.create(v, new Shape(ROWS, 2));
    }

    private Play play(GanModel model, NDArray x) {
        return new Play(model, () -> x, m.zeros(new Shape(ROWS, CODE)), null, new Rng(SEED));
    }

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    /** The reconstructions the game should judge: from E(x), or for the VAE from μ + exp(v/2)·ε with the play's ε. */
    private static NDArray reconstructions(GanModel model, NDArray x, boolean variational) {
        NDArray out = model.network("e").forward(x, true);
        NDArray code = out;
        if (variational) {
            float[] o = out.toFloatArray();
            float[] eps = new float[ROWS * CODE];
            new Rng(SEED).fillGaussian(eps);
            float[] z = new float[ROWS * CODE];
            for (int i = 0; i < ROWS; i++) {
                for (int k = 0; k < CODE; k++) {
                    double mean = o[i * 2 * CODE + k];
                    double logVariance = o[i * 2 * CODE + CODE + k];
                    z[i * CODE + k] = (float) (mean + Math.exp(logVariance / 2) * eps[i * CODE + k]);
                }
            }
            code = x.getManager().create(z, new Shape(ROWS, CODE));
        }
        return model.generator().forward(code, true);
    }

    private static double mean(float[] v, boolean realSide) {
        double sum = 0;
        for (float logit : v) {
            sum += realSide ? softplus(-logit) : softplus(logit); // −log σ(l), −log(1 − σ(l))
        }
        return sum / v.length;
    }

    private void check(String name, boolean variational) {
        Config c = config(name);
        try (GanModel model = Games.model(c, new int[] {2})) {
            NDArray x = real();
            float[] onReal = model.discriminator().forward(x, true).toFloatArray();
            NDArray y = reconstructions(model, x, variational);
            float[] onReconstructions = model.discriminator().forward(y, true).toFloatArray();
            Game game = Games.create(c);
            Objective critic = game.criticObjective(play(model, x));
            assertThat((double) critic.terms().get("d_loss_real").getFloat()).as(name)
                    .isCloseTo(mean(onReal, true), offset(1e-5));
            assertThat((double) critic.terms().get("d_loss_fake").getFloat()).as(name)
                    .isCloseTo(mean(onReconstructions, false), offset(1e-5));
            // The generator side: non-saturating −log σ(D(y)) on the same reconstructions.
            Objective generator = game.generatorObjective(play(model, x));
            assertThat((double) generator.terms().get("image_adversarial").getFloat()).as(name)
                    .isCloseTo(mean(onReconstructions, true), offset(1e-5));
            float[] xs = x.toFloatArray();
            float[] ys = y.toFloatArray();
            double error = 0;
            for (int i = 0; i < xs.length; i++) {
                error += (xs[i] - ys[i]) * (xs[i] - ys[i]);
            }
            assertThat((double) generator.terms().get("reconstruction").getFloat()).as(name)
                    .isCloseTo(error / ROWS, offset(1e-5));
            assertThat((double) generator.terms().get("pixel_error").getFloat()).as(name)
                    .isCloseTo(error / ROWS, offset(1e-5));
        }
    }

    @Test
    void theWassersteinAutoEncodersCriticJudgesDecodedCodes() {
        check("wae_mmd", false);
    }

    @Test
    void theVariationalAutoEncodersCriticJudgesDecodedDrawnCodes() {
        check("vae", true);
    }
}
