package org.gantry.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gantry.config.Config;
import org.gantry.core.TestConfigs;
import org.gantry.core.game.Games;
import org.gantry.core.model.GanModel;
import org.gantry.data.DataSets;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/** The latent gradients a real model gives samplers and geodesics, against central finite differences. */
class ModelTargetTest {
    private static final double H = 1e-2;

    @Test
    void latentGradientsMatchFiniteDifferences() {
        // tanh units: smooth, so a central difference of step 0.01 is accurate to about 1e-4 here.
        Config c = TestConfigs.tiny("g.activation=tanh", "d.activation=tanh");
        try (GanModel model = Games.model(c, DataSets.create(c))) {
            ModelTarget target = new ModelTarget(model, Games.create(c), HeldOutExamples.of(c, DataSets.create(c)));
            int size = target.latentSize();
            int count = 3;
            float[] z = new float[count * size];
            new Rng(4).fillGaussian(z);
            float[] v = new float[count * target.exampleLength()];
            new Rng(5).fillGaussian(v);
            float[] pullBack = target.pullBack(z, count, v);
            SamplingTarget.LatentLogits logits = target.latentLogits(z, count);
            assertThat(logits.logits()).containsExactly(target.logits(target.generate(z, count), count));
            // Gradients of a size the tolerance cannot hide.
            assertThat(maxAbs(pullBack)).isGreaterThan(0.05);
            assertThat(maxAbs(logits.gradient())).isGreaterThan(0.005);
            for (int k = 0; k < z.length; k++) {
                float[] up = z.clone();
                float[] down = z.clone();
                up[k] += (float) H;
                down[k] -= (float) H;
                double inner = (dot(target.generate(up, count), v) - dot(target.generate(down, count), v)) / (2 * H);
                assertThat((double) pullBack[k]).as("pull-back %d", k).isCloseTo(inner, within(2e-3));
                int row = k / size;
                double logit = (target.logits(target.generate(up, count), count)[row]
                        - target.logits(target.generate(down, count), count)[row]) / (2 * H);
                assertThat((double) logits.gradient()[k]).as("logit gradient %d", k).isCloseTo(logit, within(2e-3));
            }
        }
    }

    private static double maxAbs(float[] a) {
        double m = 0;
        for (float x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
