package org.gantry.core.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.gantry.core.engine.TorchEngine;
import org.gantry.random.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LayersTest {

    @BeforeAll
    static void engine() {
        TorchEngine.start(1);
    }

    static ParameterStore init(Block b, NDManager m, Shape input) {
        b.initialize(m, DataType.FLOAT32, input);
        Initialisation.pytorchDefault(b, new Rng(1));
        return new ParameterStore(m, false);
    }

    static NDArray run(Block b, ParameterStore store, NDArray x, boolean training) {
        return b.forward(store, new NDList(x), training).singletonOrThrow();
    }

    /** The parameter whose path ends in {@code name}; DJL prefixes child names with their position. */
    static Parameter param(Block b, String name) {
        for (var p : b.getParameters()) {
            if (p.getKey().endsWith(name)) {
                return p.getValue();
            }
        }
        throw new IllegalArgumentException("no parameter " + name + " in " + b.getParameters().keys());
    }

    @Test
    void spectralNormOfDiagonalThreeTwoOneIsThree() {
        try (NDManager m = NDManager.newBaseManager()) {
            DenseLayer layer = new DenseLayer(3, 3, WeightForm.SPECTRAL);
            ParameterStore store = init(layer, m, new Shape(3, 3));
            Initialisation.fill(param(layer, "weight"), new float[] {3, 0, 0, 0, 2, 0, 0, 0, 1});
            Initialisation.fillConstant(param(layer, "bias"), 0f);
            NDArray identity = m.eye(3);
            float[] y = null;
            for (int i = 0; i < 30; i++) {
                try (NDManager step = m.newSubManager()) {
                    y = run(layer, store, step.eye(3), true).toFloatArray();
                }
            }
            // Rows of I·(W/σ)ᵀ: diag(3, 2, 1)/3 once the power iteration has converged.
            assertThat(y).usingComparatorWithPrecision(1e-4f).containsExactly(1, 0, 0, 0, 2f / 3, 0, 0, 0, 1f / 3);
            float[] u = param(layer, "spectral_u").getArray().toFloatArray();
            assertThat(Math.abs(u[0])).isCloseTo(1f, within(1e-4f));
            identity.close();
        }
    }

    @Test
    void spectralNormGradientMatchesFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            ConvLayer layer = new ConvLayer(2, 3, 3, 1, 1, WeightForm.SPECTRAL);
            ParameterStore store = init(layer, m, new Shape(1, 2, 4, 4));
            Rng rng = new Rng(7);
            float[] xs = new float[2 * 16];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = (float) rng.gaussian();
            }
            NDArray x = m.create(xs, new Shape(1, 2, 4, 4));
            float[] coefficients = new float[3 * 16];
            for (int i = 0; i < coefficients.length; i++) {
                coefficients[i] = (float) rng.gaussian();
            }
            NDArray c = m.create(coefficients, new Shape(1, 3, 4, 4));
            Parameter weight = param(layer, "weight");
            float[] analytic;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector();
                    NDManager step = m.newSubManager()) {
                // Evaluation mode keeps u fixed, so the loss is a plain function of W.
                NDArray loss = run(layer, store, x, false).mul(c).sum();
                collector.backward(loss);
                try (NDArray g = weight.getArray().getGradient()) {
                    analytic = g.toFloatArray();
                }
            }
            float[] w = weight.getArray().toFloatArray();
            double h = 1e-2;
            for (int i = 0; i < w.length; i += 5) {
                float[] plus = w.clone();
                float[] minus = w.clone();
                plus[i] += (float) h;
                minus[i] -= (float) h;
                double fPlus = lossAt(layer, store, weight, plus, x, c);
                double fMinus = lossAt(layer, store, weight, minus, x, c);
                assertThat(analytic[i]).as("weight %d", i).isCloseTo((float) ((fPlus - fMinus) / (2 * h)), within(2e-2f));
            }
        }
    }

    private static double lossAt(Block layer, ParameterStore store, Parameter weight, float[] w, NDArray x, NDArray c) {
        Initialisation.fill(weight, w);
        try (NDArray y = run(layer, store, x, false); NDArray l = y.mul(c).sum()) {
            return l.getFloat();
        }
    }

    @Test
    void pixelShuffleMovesChannelFourCPlusTwoIPlusJToPixelIJ() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(0f, 2 * 8 * 2 * 3).reshape(2, 8, 2, 3);
            float[] in = x.toFloatArray();
            NDArray y = Layers.shuffle(x);
            assertThat(y.getShape()).isEqualTo(new Shape(2, 2, 4, 6));
            float[] out = y.toFloatArray();
            for (int n = 0; n < 2; n++) {
                for (int ch = 0; ch < 2; ch++) {
                    for (int h = 0; h < 4; h++) {
                        for (int w = 0; w < 6; w++) {
                            int source = ((n * 8 + 4 * ch + 2 * (h % 2) + w % 2) * 2 + h / 2) * 3 + w / 2;
                            assertThat(out[((n * 2 + ch) * 4 + h) * 6 + w]).isEqualTo(in[source]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void foldedUpConvolutionEqualsUpSamplingThenConvolutionWithGradients() {
        for (int kernel : new int[] {1, 3}) {
            try (NDManager m = NDManager.newBaseManager()) {
                Block folded = UpFactory.nearest().create(3, 2, kernel, WeightForm.PLAIN);
                Block literal = UpFactory.literalNearest().create(3, 2, kernel, WeightForm.PLAIN);
                assertThat(folded).isInstanceOf(NearestUpConv.class);
                ParameterStore fs = init(folded, m, new Shape(2, 3, 5, 4));
                ParameterStore ls = init(literal, m, new Shape(2, 3, 5, 4));
                Initialisation.fill(param(literal, "weight"), param(folded, "weight").getArray().toFloatArray());
                Initialisation.fill(param(literal, "bias"), param(folded, "bias").getArray().toFloatArray());
                Rng rng = new Rng(3);
                float[] xs = new float[2 * 3 * 5 * 4];
                float[] cs = new float[2 * 2 * 10 * 8];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = (float) rng.gaussian();
                }
                for (int i = 0; i < cs.length; i++) {
                    cs[i] = (float) rng.gaussian();
                }
                float[][] a = outputAndWeightGradient(folded, fs, m, xs, cs);
                float[][] b = outputAndWeightGradient(literal, ls, m, xs, cs);
                assertThat(a[0]).as("output, kernel %d", kernel).usingComparatorWithPrecision(1e-4f).containsExactly(b[0]);
                assertThat(a[1]).as("weight gradient, kernel %d", kernel).usingComparatorWithPrecision(1e-3f)
                        .containsExactly(b[1]);
                assertThat(a[2]).as("input gradient, kernel %d", kernel).usingComparatorWithPrecision(1e-4f)
                        .containsExactly(b[2]);
            }
        }
    }

    @Test
    void bothFormsOfTheUpConvolutionEqualUpSamplingThenConvolutionWithGradients() {
        Rng rng = new Rng(5);
        for (int kernel : new int[] {1, 3}) {
            for (int out : new int[] {2, 16}) {
                NearestUpConv layer = new NearestUpConv(3, out, kernel, WeightForm.PLAIN);
                double[][] values = {rng.gaussians(2 * 3 * 5 * 4), rng.gaussians(out * 3 * kernel * kernel),
                    rng.gaussians(out), rng.gaussians(2 * out * 10 * 8)};
                double[][] literal = upConvolutionAndGradients(null, null, kernel, out, values);
                for (NearestUpConv.Form form : NearestUpConv.Form.values()) {
                    double[][] got = upConvolutionAndGradients(layer, form, kernel, out, values);
                    String[] names = {"output", "input gradient", "weight gradient", "bias gradient"};
                    for (int q = 0; q < names.length; q++) {
                        assertThat(got[q]).as("%s, %s form, kernel %d, %d outputs", names[q], form, kernel, out)
                                .usingComparatorWithPrecision(1e-4).containsExactly(literal[q]);
                    }
                }
            }
        }
    }

    @Test
    void upConvolutionTakesTheTransposedFormWithOneDnnAndSixteenOutputs() {
        NearestUpConv.Form wide = TorchEngine.oneDnnEnabled() ? NearestUpConv.Form.TRANSPOSED : NearestUpConv.Form.FOLDED;
        assertThat(new NearestUpConv(3, 16, 3, WeightForm.PLAIN).form()).isEqualTo(wide);
        assertThat(new NearestUpConv(3, 64, 1, WeightForm.PLAIN).form()).isEqualTo(wide);
        assertThat(new NearestUpConv(3, 15, 3, WeightForm.PLAIN).form()).isEqualTo(NearestUpConv.Form.FOLDED);
    }

    /**
     * Output and the gradients of Σ y·c for input, weight and bias, in double precision (the
     * literal up-sampling then convolution when {@code layer} is null), at single precision for the layer.
     */
    private static double[][] upConvolutionAndGradients(NearestUpConv layer, NearestUpConv.Form form, int kernel,
            int out, double[][] values) {
        DataType type = layer == null ? DataType.FLOAT64 : DataType.FLOAT32;
        try (NDManager m = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = m.create(values[0], new Shape(2, 3, 5, 4)).toType(type, false);
            NDArray w = m.create(values[1], new Shape(out, 3, kernel, kernel)).toType(type, false);
            NDArray b = m.create(values[2], new Shape(out)).toType(type, false);
            for (NDArray a : new NDArray[] {x, w, b}) {
                a.setRequiresGradient(true);
            }
            NDArray y;
            if (layer == null) {
                NDArray up = Layers.upsample(x);
                Shape pad = new Shape(kernel / 2, kernel / 2);
                y = up.getNDArrayInternal().convolution(up, w, b, new Shape(1, 1), pad, new Shape(1, 1), 1)
                        .singletonOrThrow();
            } else {
                y = layer.apply(x, w, b, form);
            }
            collector.backward(y.mul(m.create(values[3], new Shape(2, out, 10, 8)).toType(type, false)).sum());
            return new double[][] {doubles(y), doubles(x.getGradient()), doubles(w.getGradient()),
                doubles(b.getGradient())};
        }
    }

    private static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    private static float[][] outputAndWeightGradient(Block b, ParameterStore store, NDManager m, float[] xs,
            float[] cs) {
        try (NDManager step = m.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = step.create(xs, new Shape(2, 3, 5, 4));
            x.setRequiresGradient(true);
            NDArray y = run(b, store, x, true);
            collector.backward(y.mul(step.create(cs, new Shape(2, 2, 10, 8))).sum());
            Parameter w = param(b, "weight");
            try (NDArray g = w.getArray().getGradient()) {
                float[][] out = {y.toFloatArray(), g.toFloatArray(), x.getGradient().toFloatArray()};
                TorchEngine.clearGradient(w);
                TorchEngine.clearGradient(param(b, "bias"));
                return out;
            }
        }
    }

    @Test
    void nearestUpSamplingRepeatsEachPixelTwoByTwo() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(0f, 6).reshape(1, 1, 2, 3);
            float[] out = Layers.upsample(x).toFloatArray();
            for (int h = 0; h < 4; h++) {
                for (int w = 0; w < 6; w++) {
                    assertThat(out[h * 6 + w]).isEqualTo((float) ((h / 2) * 3 + w / 2));
                }
            }
        }
    }

    @Test
    void averagePoolingAveragesTwoByTwoCells() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(0f, 16).reshape(1, 1, 4, 4);
            assertThat(Layers.pool(x).toFloatArray()).containsExactly(2.5f, 4.5f, 10.5f, 12.5f);
        }
    }

    /** Per-channel standardisation over batch and positions, as batch norm computes it in training. */
    static float[] standardised(float[] x, int n, int ch, int hw) {
        float[] out = new float[x.length];
        for (int c = 0; c < ch; c++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < hw; p++) {
                    double v = x[(i * ch + c) * hw + p];
                    sum += v;
                    sq += v * v;
                }
            }
            double mean = sum / (n * hw);
            double var = sq / (n * hw) - mean * mean;
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < hw; p++) {
                    int k = (i * ch + c) * hw + p;
                    out[k] = (float) ((x[k] - mean) / Math.sqrt(var + 1e-5));
                }
            }
        }
        return out;
    }

    @Test
    void selfModulationScalesAndShiftsByItsNetworkOfZ() {
        try (NDManager m = NDManager.newBaseManager()) {
            int n = 5;
            int ch = 2;
            SelfModulation sm = new SelfModulation(new BatchNormLayer(ch, false), 3, ch, 0, WeightForm.PLAIN);
            ParameterStore store = init(sm, m, new Shape(n, ch, 3, 3));
            Rng rng = new Rng(11);
            float[] xs = new float[n * ch * 9];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = (float) (3 * rng.gaussian() + 1);
            }
            float[] zs = new float[n * 3];
            for (int i = 0; i < zs.length; i++) {
                zs[i] = (float) rng.gaussian();
            }
            // γ(z) = 1 + Gz and β(z) = Bz with known G, B; γ's bias must have started at 1.
            assertThat(param(sm, "gamma_bias").getArray().toFloatArray()).containsExactly(1f, 1f);
            assertThat(param(sm, "beta_bias").getArray().toFloatArray()).containsExactly(0f, 0f);
            float[] g = {0.5f, -1f, 0.25f, 2f, 0f, -0.5f};
            float[] b = {1f, 0f, -2f, 0.5f, 0.5f, 0.5f};
            Initialisation.fill(param(sm, "gamma_weight"), g);
            Initialisation.fill(param(sm, "beta_weight"), b);
            float[] y = sm.forward(store, m.create(xs, new Shape(n, ch, 3, 3)), m.create(zs, new Shape(n, 3)), true)
                    .toFloatArray();
            float[] normal = standardised(xs, n, ch, 9);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < ch; c++) {
                    double gamma = 1;
                    double beta = 0;
                    for (int k = 0; k < 3; k++) {
                        gamma += g[c * 3 + k] * zs[i * 3 + k];
                        beta += b[c * 3 + k] * zs[i * 3 + k];
                    }
                    for (int p = 0; p < 9; p++) {
                        int idx = (i * ch + c) * 9 + p;
                        assertThat(y[idx]).isCloseTo((float) (gamma * normal[idx] + beta), within(1e-4f));
                    }
                }
            }
        }
    }
}
