package org.gantry.core.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gantry.core.nn.layer.LayersTest.init;
import static org.gantry.core.nn.layer.LayersTest.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.gantry.core.engine.TorchEngine;
import org.gantry.random.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The discriminator's training noise against the stream it is given, drawn again here. */
class GaussianNoiseLayerTest {
    private static final int ROWS = 50;
    private static final int COLS = 400;

    @BeforeAll
    static void engine() {
        TorchEngine.start(1);
    }

    private static float[] ramp() {
        float[] x = new float[ROWS * COLS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 17) * 0.25f - 2;
        }
        return x;
    }

    @Test
    void trainingAddsSigmaTimesTheStreamsGaussiansAndInferencePassesThrough() {
        try (NDManager m = NDManager.newBaseManager()) {
            LayerSequence net = new LayerSequence().add(new GaussianNoiseLayer(0.3));
            ParameterStore store = init(net, m, new Shape(ROWS, COLS));
            GaussianNoiseLayer.drawFrom(net, new Rng(7));
            float[] x = ramp();
            NDArray input = m.create(x, new Shape(ROWS, COLS));
            NDArray first = run(net, store, input, true);
            NDArray second = run(net, store, input, true);
            Rng again = new Rng(7);
            float[] eps = new float[x.length];
            for (NDArray y : new NDArray[] {first, second}) {
                again.fillGaussian(eps);
                float[] out = y.toFloatArray();
                for (int i = 0; i < x.length; i++) {
                    assertThat((double) out[i]).isCloseTo(x[i] + 0.3 * eps[i], within(1e-6));
                }
            }
            assertThat(run(net, store, input, false).toFloatArray()).containsExactly(x);
        }
    }

    @Test
    void noiseHasMeanZeroAndTheConfiguredDeviation() {
        try (NDManager m = NDManager.newBaseManager()) {
            GaussianNoiseLayer layer = new GaussianNoiseLayer(0.5);
            ParameterStore store = init(layer, m, new Shape(ROWS, COLS));
            GaussianNoiseLayer.drawFrom(layer, new Rng(11));
            float[] y = run(layer, store, m.zeros(new Shape(ROWS, COLS)), true).toFloatArray();
            double sum = 0;
            double squares = 0;
            for (float v : y) {
                sum += v;
                squares += v * (double) v;
            }
            int n = y.length;
            double mean = sum / n;
            double sd = Math.sqrt(squares / n - mean * mean);
            // Five standard errors either way: sd/sqrt(n) for the mean, sd/sqrt(2n) for the deviation.
            assertThat(mean).isCloseTo(0, within(5 * 0.5 / Math.sqrt(n)));
            assertThat(sd).isCloseTo(0.5, within(5 * 0.5 / Math.sqrt(2.0 * n)));
        }
    }

    @Test
    void theGradientPassesThroughUnchanged() {
        try (NDManager m = NDManager.newBaseManager()) {
            GaussianNoiseLayer layer = new GaussianNoiseLayer(0.3);
            ParameterStore store = init(layer, m, new Shape(4, 3));
            GaussianNoiseLayer.drawFrom(layer, new Rng(5));
            NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new Shape(4, 3));
            x.setRequiresGradient(true);
            try (GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray y = run(layer, store, x, true);
                gc.backward(y.mul(x).sum());
            }
            // d/dx of sum(x * (x + e)) = 2x + e, with e = y - x.
            float[] grad = x.getGradient().toFloatArray();
            Rng again = new Rng(5);
            for (int i = 0; i < 12; i++) {
                assertThat((double) grad[i]).isCloseTo(2 * (i + 1) + 0.3 * again.gaussian(), within(1e-5));
            }
        }
    }

    @Test
    void aTrainingPassWithoutAStreamIsRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            GaussianNoiseLayer layer = new GaussianNoiseLayer(0.3);
            ParameterStore store = init(layer, m, new Shape(2, 2));
            NDArray x = m.zeros(new Shape(2, 2));
            assertThat(run(layer, store, x, false).toFloatArray()).containsExactly(0, 0, 0, 0);
            assertThatThrownBy(() -> run(layer, store, x, true)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("without a noise stream");
            assertThatThrownBy(() -> new GaussianNoiseLayer(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
