package org.gantry.core.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gantry.core.nn.layer.LayersTest.init;
import static org.gantry.core.nn.layer.LayersTest.param;
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

/**
 * Weight normalisation, ghost batch normalisation and virtual batch normalisation, each against a
 * computation written out here in doubles.
 */
class NormalisationVariantsTest {

    @BeforeAll
    static void engine() {
        TorchEngine.start(1);
    }

    private static float[] gaussian(int n, long seed, double scale, double shift) {
        Rng rng = new Rng(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (shift + scale * rng.gaussian());
        }
        return x;
    }

    @Test
    void weightNormStartsAsTheDefaultLayerAndItsGainScalesTheUnitDirection() {
        try (NDManager m = NDManager.newBaseManager()) {
            DenseLayer layer = new DenseLayer(4, 3, WeightForm.WEIGHT_NORM);
            ParameterStore store = init(layer, m, new Shape(5, 4));
            float[] v = param(layer, "weight").getArray().toFloatArray();
            float[] b = param(layer, "bias").getArray().toFloatArray();
            float[] g = param(layer, "weight_norm_g").getArray().toFloatArray();
            float[] x = gaussian(5 * 4, 3, 1, 0);
            float[] y = run(layer, store, m.create(x, new Shape(5, 4)), true).toFloatArray();
            for (int u = 0; u < 3; u++) {
                double norm = 0;
                for (int i = 0; i < 4; i++) {
                    norm += v[u * 4 + i] * (double) v[u * 4 + i];
                }
                assertThat((double) g[u]).isCloseTo(Math.sqrt(norm), within(1e-6));
                for (int n = 0; n < 5; n++) {
                    double expected = b[u];
                    for (int i = 0; i < 4; i++) {
                        expected += x[n * 4 + i] * (double) v[u * 4 + i];
                    }
                    assertThat((double) y[n * 3 + u]).as("unit %d example %d", u, n).isCloseTo(expected, within(1e-5));
                }
            }
        }
    }

    @Test
    void dataDependentInitialisationGivesEachUnitZeroMeanAndUnitVarianceOnItsBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Two weight-normed layers with a ReLU between: the second is initialised on the first's output.
            DenseLayer first = new DenseLayer(6, 8, WeightForm.WEIGHT_NORM);
            LayerSequence net = new LayerSequence().add(first).add(Layers.relu())
                    .add(new DenseLayer(8, 5, WeightForm.WEIGHT_NORM));
            ParameterStore store = init(net, m, new Shape(64, 6));
            NDArray batch = m.create(gaussian(64 * 6, 9, 3, 2), new Shape(64, 6));
            assertThat(DataInitialisation.needed(net)).isTrue();
            DataInitialisation.run(net, store, batch);
            assertStandardised(run(first, store, batch, false).toFloatArray(), 64, 8);
            assertStandardised(run(net, store, batch, false).toFloatArray(), 64, 5);
        }
    }

    @Test
    void dataDependentInitialisationOfAConvolutionStandardisesEachChannelOverBatchAndPositions() {
        try (NDManager m = NDManager.newBaseManager()) {
            ConvLayer conv = new ConvLayer(2, 3, 3, 1, 1, WeightForm.WEIGHT_NORM);
            LayerSequence net = new LayerSequence().add(conv);
            ParameterStore store = init(net, m, new Shape(4, 2, 5, 5));
            NDArray batch = m.create(gaussian(4 * 2 * 5 * 5, 4, 2, -1), new Shape(4, 2, 5, 5));
            DataInitialisation.run(net, store, batch);
            // Channels last, so that the check reads rows of one channel.
            float[] y = run(net, store, batch, false).transpose(0, 2, 3, 1).toFloatArray();
            assertStandardised(y, 4 * 25, 3);
        }
    }

    /** Every unit (column) of a rows × units matrix has mean 0 and population variance 1. */
    private static void assertStandardised(float[] y, int rows, int units) {
        for (int u = 0; u < units; u++) {
            double sum = 0;
            double square = 0;
            for (int r = 0; r < rows; r++) {
                sum += y[r * units + u];
                square += y[r * units + u] * (double) y[r * units + u];
            }
            double mean = sum / rows;
            assertThat(mean).as("mean of unit %d", u).isCloseTo(0, within(1e-5));
            assertThat(square / rows - mean * mean).as("variance of unit %d", u).isCloseTo(1, within(1e-4));
        }
    }

    @Test
    void weightNormGradientOfTheGainIsTheUnitDirectionsOutput() {
        try (NDManager m = NDManager.newBaseManager()) {
            DenseLayer layer = new DenseLayer(3, 2, WeightForm.WEIGHT_NORM);
            ParameterStore store = init(layer, m, new Shape(4, 3));
            float[] v = param(layer, "weight").getArray().toFloatArray();
            float[] x = gaussian(12, 5, 1, 0);
            try (GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                gc.backward(run(layer, store, m.create(x, new Shape(4, 3)), true).sum());
            }
            float[] grad = param(layer, "weight_norm_g").getArray().getGradient().toFloatArray();
            for (int u = 0; u < 2; u++) {
                double norm = Math.sqrt(v[u * 3] * v[u * 3] + v[u * 3 + 1] * v[u * 3 + 1] + v[u * 3 + 2] * v[u * 3 + 2]);
                double expected = 0;
                for (int n = 0; n < 4; n++) {
                    for (int i = 0; i < 3; i++) {
                        expected += x[n * 3 + i] * v[u * 3 + i] / norm;
                    }
                }
                assertThat((double) grad[u]).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void ghostBatchNormNormalisesEachSubBatchOnItsOwnAndUpdatesRunningStatisticsInTurn() {
        try (NDManager m = NDManager.newBaseManager()) {
            GhostBatchNormLayer layer = new GhostBatchNormLayer(2, 3);
            ParameterStore store = init(layer, m, new Shape(8, 2));
            float[] x = gaussian(8 * 2, 6, 2, 1);
            float[] y = run(layer, store, m.create(x, new Shape(8, 2)), true).toFloatArray();
            int[][] runs = {{0, 3}, {3, 6}, {6, 8}};
            double[] running = new double[2];
            for (int[] r : runs) {
                for (int c = 0; c < 2; c++) {
                    double mean = 0;
                    for (int i = r[0]; i < r[1]; i++) {
                        mean += x[i * 2 + c];
                    }
                    mean /= r[1] - r[0];
                    double variance = 0;
                    for (int i = r[0]; i < r[1]; i++) {
                        variance += Math.pow(x[i * 2 + c] - mean, 2);
                    }
                    variance /= r[1] - r[0];
                    for (int i = r[0]; i < r[1]; i++) {
                        assertThat((double) y[i * 2 + c]).isCloseTo((x[i * 2 + c] - mean) / Math.sqrt(variance + 1e-5),
                                within(1e-4));
                    }
                    running[c] = 0.9 * running[c] + 0.1 * mean;
                }
            }
            float[] stored = param(layer, "runningMean").getArray().toFloatArray();
            assertThat((double) stored[0]).isCloseTo(running[0], within(1e-5));
            assertThat((double) stored[1]).isCloseTo(running[1], within(1e-5));
            // Inference: the running statistics, the same for every example whatever its batch.
            float[] one = run(layer, store, m.create(new float[] {x[0], x[1]}, new Shape(1, 2)), false).toFloatArray();
            float[] all = run(layer, store, m.create(x, new Shape(8, 2)), false).toFloatArray();
            assertThat(one[0]).isEqualTo(all[0]);
        }
    }

    @Test
    void aSingleExampleLeftOverJoinsTheGhostBatchBeforeIt() {
        try (NDManager m = NDManager.newBaseManager()) {
            GhostBatchNormLayer layer = new GhostBatchNormLayer(1, 3);
            ParameterStore store = init(layer, m, new Shape(7, 1));
            float[] x = gaussian(7, 12, 1, 0);
            float[] y = run(layer, store, m.create(x, new Shape(7, 1)), true).toFloatArray();
            double mean = 0;
            for (int i = 3; i < 7; i++) {
                mean += x[i] / 4.0;
            }
            double variance = 0;
            for (int i = 3; i < 7; i++) {
                variance += Math.pow(x[i] - mean, 2) / 4;
            }
            for (int i = 3; i < 7; i++) {
                assertThat((double) y[i]).isCloseTo((x[i] - mean) / Math.sqrt(variance + 1e-5), within(1e-4));
            }
            assertThat(param(layer, "runningVar").getArray().toFloatArray()[0]).isFinite();
        }
    }

    @Test
    void virtualBatchNormUsesTheReferenceAndTheExampleItselfAndNothingElse() {
        try (NDManager m = NDManager.newBaseManager()) {
            int reference = 4;
            int channels = 2;
            LayerSequence net = new LayerSequence().add(new VirtualBatchNormLayer(channels, reference));
            net.carryReference(reference, new int[] {channels, 2, 2});
            ParameterStore store = init(net, m, new Shape(3, channels, 2, 2));
            float[] refInput = gaussian(reference * channels * 4, 7, 1.5, 0.5);
            DataInitialisation.run(net, store, m.create(refInput, new Shape(reference, channels, 2, 2)));
            float[] x = gaussian(3 * channels * 4, 8, 1, -1);
            float[] y = run(net, store, m.create(x, new Shape(3, channels, 2, 2)), true).toFloatArray();
            assertThat(y).hasSize(3 * channels * 4);
            for (int n = 0; n < 3; n++) {
                for (int c = 0; c < channels; c++) {
                    // Brute force over the reference's values and this example's, each example weighted alike.
                    double refSum = 0;
                    double refSquare = 0;
                    for (int r = 0; r < reference; r++) {
                        for (int p = 0; p < 4; p++) {
                            double v = refInput[(r * channels + c) * 4 + p];
                            refSum += v;
                            refSquare += v * v;
                        }
                    }
                    double ownSum = 0;
                    double ownSquare = 0;
                    for (int p = 0; p < 4; p++) {
                        double v = x[(n * channels + c) * 4 + p];
                        ownSum += v;
                        ownSquare += v * v;
                    }
                    double mean = (refSum / 4 + ownSum / 4) / (reference + 1);
                    double variance = (refSquare / 4 + ownSquare / 4) / (reference + 1) - mean * mean;
                    for (int p = 0; p < 4; p++) {
                        int i = (n * channels + c) * 4 + p;
                        assertThat((double) y[i]).isCloseTo((x[i] - mean) / Math.sqrt(variance + 1e-5), within(1e-4));
                    }
                }
            }
            // An example's output is the same in any batch: the first example alone.
            float[] alone = run(net, store, m.create(java.util.Arrays.copyOf(x, channels * 4),
                    new Shape(1, channels, 2, 2)), false).toFloatArray();
            for (int i = 0; i < alone.length; i++) {
                assertThat(alone[i]).isCloseTo(y[i], within(1e-6f));
            }
        }
    }
}
