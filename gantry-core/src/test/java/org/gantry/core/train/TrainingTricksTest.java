package org.gantry.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.TestConfigs;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.Network;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/** Functional gradient layers, feature matching and historical averaging against closed forms. */
class TrainingTricksTest {

    private static float[] gaussian(long seed, int n) {
        float[] v = new float[n];
        new Rng(seed).fillGaussian(v);
        return v;
    }

    private static GanModel model(String... sets) {
        return new GanModel(TestConfigs.tiny(concat(sets, "d.activation=tanh", "d.widths=6")), new int[] {2});
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float critic(Network d, NDManager m, float[] point) {
        return d.forward(m.create(point, new Shape(1, 2)), false).getFloat();
    }

    @Test
    void aGradientLayerMovesSamplesAlongTheDiscriminatorsInputGradient() {
        try (GanModel model = model(); NDManager m = model.manager().newSubManager()) {
            Network d = model.discriminator();
            float eta = 0.05f;
            float[] x = gaussian(3, 8);
            float[] moved = new FunctionalGradientUpdates(1, eta, 1, 1)
                    .moved(d, m.create(x, new Shape(4, 2))).toFloatArray();
            float h = 1e-2f;
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 2; j++) {
                    float[] up = {x[2 * i], x[2 * i + 1]};
                    float[] down = up.clone();
                    up[j] += h;
                    down[j] -= h;
                    double derivative = (critic(d, m, up) - critic(d, m, down)) / (2 * h);
                    assertThat(moved[2 * i + j]).isCloseTo((float) (x[2 * i + j] + eta * derivative), within(2e-4f));
                }
            }
            // Stacked layers repeat the move from where the last one left off.
            NDArray once = new FunctionalGradientUpdates(1, eta, 1, 1).moved(d, m.create(moved, new Shape(4, 2)));
            NDArray twice = new FunctionalGradientUpdates(2, eta, 1, 1).moved(d, m.create(x, new Shape(4, 2)));
            assertThat(twice.toFloatArray()).containsExactly(once.toFloatArray(), org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void featureMatchingIsTheSquaredDistanceOfMeanLastHiddenFeatures() {
        try (GanModel model = model(); NDManager m = model.manager().newSubManager()) {
            Network d = model.discriminator();
            NDArray real = m.create(gaussian(4, 10), new Shape(5, 2));
            NDArray fake = m.create(gaussian(5, 10), new Shape(5, 2));
            float[] fr = d.features(real, true).toFloatArray();
            float[] ff = d.features(fake, true).toFloatArray();
            int width = fr.length / 5;
            assertThat(width).isEqualTo(6);
            double expected = 0;
            for (int j = 0; j < width; j++) {
                double mr = 0;
                double mf = 0;
                for (int i = 0; i < 5; i++) {
                    mr += fr[i * width + j] / 5.0;
                    mf += ff[i * width + j] / 5.0;
                }
                expected += (mr - mf) * (mr - mf);
            }
            assertThat(FeatureMatching.loss(d, real, fake).getFloat()).isCloseTo((float) expected, within(1e-5f));
            assertThat(FeatureMatching.loss(d, real, real).getFloat()).isZero();
            // The features are what the final linear layer reads: D(x) = f(x) wᵀ + b.
            List<Parameter> ps = d.parameters();
            float[] w = ps.get(ps.size() - 2).getArray().toFloatArray();
            float b = ps.get(ps.size() - 1).getArray().getFloat();
            float[] out = d.forward(real, true).toFloatArray();
            for (int i = 0; i < 5; i++) {
                double dot = b;
                for (int j = 0; j < width; j++) {
                    dot += fr[i * width + j] * w[j];
                }
                assertThat(out[i]).isCloseTo((float) dot, within(1e-5f));
            }
        }
    }

    @Test
    void incompatibleChoicesAreConfigurationErrorsNamingTheKeys() {
        for (String[] sets : new String[][] {{"dynamics.name=consensus", "train.d_steps=2"},
            {"dynamics.name=functional_gradient", "loss.generator_objective=feature_matching"},
            {"dynamics.name=ode", "train.historical_averaging=0.1"}}) {
            Config c = TestConfigs.tiny(sets);
            Dataset data = DataSets.create(c);
            try (GanModel model = new GanModel(c, new int[] {2})) {
                assertThatThrownBy(() -> GanTrainer.create(c, model, data)).isInstanceOf(ConfigException.class)
                        .hasMessageContaining(sets[1].substring(0, sets[1].indexOf('=')))
                        .hasMessageContaining("dynamics.name");
            }
        }
    }
}
