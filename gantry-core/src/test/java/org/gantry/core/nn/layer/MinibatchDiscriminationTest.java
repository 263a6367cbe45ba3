package org.gantry.core.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.TestConfigs;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.nn.Architectures;
import org.gantry.random.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MinibatchDiscriminationTest {
    private static final int N = 4;
    private static final int A = 3;
    private static final int B = 2;
    private static final int C = 3;

    @BeforeAll
    static void engine() {
        TorchEngine.start(1);
    }

    static double[] gaussians(long seed, int count, double scale) {
        Rng rng = new Rng(seed);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = scale * rng.gaussian();
        }
        return out;
    }

    static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** The paper's formula in plain Java: [f, o] per example, T indexed [a][b][c] row-major. */
    static double[] byHand(double[] f, double[] t, int n) {
        double[][][] m = new double[n][B][C];
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < B; b++) {
                for (int c = 0; c < C; c++) {
                    for (int a = 0; a < A; a++) {
                        m[i][b][c] += f[i * A + a] * t[(a * B + b) * C + c];
                    }
                }
            }
        }
        double[] out = new double[n * (A + B)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(f, i * A, out, i * (A + B), A);
            for (int b = 0; b < B; b++) {
                double o = 0;
                for (int j = 0; j < n; j++) {
                    double l1 = 0;
                    for (int c = 0; c < C; c++) {
                        l1 += Math.abs(m[i][b][c] - m[j][b][c]);
                    }
                    o += Math.exp(-l1);
                }
                out[i * (A + B) + A + b] = o;
            }
        }
        return out;
    }

    private static MinibatchDiscrimination layerWith(NDManager m, DataType type, double[] t) {
        MinibatchDiscrimination layer = new MinibatchDiscrimination(A, B, C);
        layer.initialize(m, type, new Shape(N, A));
        Parameter p = LayersTest.param(layer, "kernel_projection");
        try (NDArray values = type == DataType.FLOAT64 ? m.create(t, p.getArray().getShape())
                : m.create(floats(t), p.getArray().getShape())) {
            TorchEngine.assign(p.getArray(), values);
        }
        return layer;
    }

    @Test
    void forwardMatchesThePaperFormulaWorkedOutByHand() {
        // Scale 0.4 keeps the L1 distances around 1, where exp(-d) is far from both 0 and 1.
        double[] t = gaussians(1, A * B * C, 0.4);
        double[] f = gaussians(2, N * A, 1);
        double[] expected = byHand(f, t, N);
        try (NDManager m = NDManager.newBaseManager()) {
            MinibatchDiscrimination layer = layerWith(m, DataType.FLOAT32, t);
            NDArray y = LayersTest.run(layer, new ParameterStore(m, false), m.create(floats(f), new Shape(N, A)), true);
            assertThat(y.getShape()).isEqualTo(new Shape(N, A + B));
            float[] actual = y.toFloatArray();
            for (int k = 0; k < actual.length; k++) {
                assertThat(actual[k]).as("output %d", k).isCloseTo((float) expected[k], within(1e-5f));
            }
            // Not a degenerate case: some kernels see their neighbours (o well above 1), none all of them.
            assertThat(expected[A]).isBetween(1.05, N - 0.05);
        }
    }

    @Test
    void firstColumnsAreTheFeaturesUnchanged() {
        float[] f = floats(gaussians(3, N * A, 5));
        try (NDManager m = NDManager.newBaseManager()) {
            MinibatchDiscrimination layer = layerWith(m, DataType.FLOAT32, gaussians(4, A * B * C, 1));
            float[] y = LayersTest.run(layer, new ParameterStore(m, false), m.create(f, new Shape(N, A)), true)
                    .toFloatArray();
            for (int i = 0; i < N; i++) {
                for (int a = 0; a < A; a++) {
                    assertThat(y[i * (A + B) + a]).isEqualTo(f[i * A + a]);
                }
            }
        }
    }

    @Test
    void batchOfIdenticalExamplesCountsItsSizeInEveryKernel() {
        double[] one = gaussians(5, A, 1);
        float[] f = new float[N * A];
        for (int i = 0; i < N; i++) {
            for (int a = 0; a < A; a++) {
                f[i * A + a] = (float) one[a];
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            MinibatchDiscrimination layer = layerWith(m, DataType.FLOAT32, gaussians(6, A * B * C, 1));
            float[] y = LayersTest.run(layer, new ParameterStore(m, false), m.create(f, new Shape(N, A)), true)
                    .toFloatArray();
            for (int i = 0; i < N; i++) {
                for (int b = 0; b < B; b++) {
                    assertThat(y[i * (A + B) + A + b]).as("example %d kernel %d", i, b).isEqualTo((float) N);
                }
            }
        }
    }

    /** A fixed linear functional of the output, so gradients and finite differences have one target. */
    private static NDArray weightedSum(MinibatchDiscrimination layer, ParameterStore store, NDArray f, double[] w) {
        NDArray y = LayersTest.run(layer, store, f, true);
        return y.mul(f.getManager().create(w, y.getShape())).sum();
    }

    @Test
    void gradientsMatchCentralDifferencesInDoublePrecision() {
        double[] t = gaussians(7, A * B * C, 0.4);
        double[] f = gaussians(8, N * A, 1);
        double[] w = gaussians(9, N * (A + B), 1);
        try (NDManager m = NDManager.newBaseManager()) {
            MinibatchDiscrimination layer = layerWith(m, DataType.FLOAT64, t);
            ParameterStore store = new ParameterStore(m, false);
            Parameter projection = LayersTest.param(layer, "kernel_projection");
            double[] inputGradient;
            double[] projectionGradient;
            try (NDManager step = m.newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray x = step.create(f, new Shape(N, A));
                x.setRequiresGradient(true);
                collector.backward(weightedSum(layer, store, x, w));
                inputGradient = x.getGradient().toDoubleArray();
                try (NDArray g = projection.getArray().getGradient()) {
                    projectionGradient = g.toDoubleArray();
                }
            }
            double h = 1e-6;
            for (int k = 0; k < f.length; k++) {
                double[] plus = f.clone();
                double[] minus = f.clone();
                plus[k] += h;
                minus[k] -= h;
                double slope = (value(layer, store, m, plus, w) - value(layer, store, m, minus, w)) / (2 * h);
                assertThat(inputGradient[k]).as("d/df %d", k).isCloseTo(slope, within(1e-7));
            }
            for (int k = 0; k < t.length; k++) {
                double[] plus = t.clone();
                double[] minus = t.clone();
                plus[k] += h;
                minus[k] -= h;
                double slope = (valueAt(layer, store, m, projection, plus, f, w)
                        - valueAt(layer, store, m, projection, minus, f, w)) / (2 * h);
                assertThat(projectionGradient[k]).as("d/dT %d", k).isCloseTo(slope, within(1e-7));
            }
        }
    }

    private static double value(MinibatchDiscrimination layer, ParameterStore store, NDManager m, double[] f,
            double[] w) {
        try (NDManager step = m.newSubManager()) {
            return weightedSum(layer, store, step.create(f, new Shape(N, A)), w).getDouble();
        }
    }

    private static double valueAt(MinibatchDiscrimination layer, ParameterStore store, NDManager m, Parameter p,
            double[] t, double[] f, double[] w) {
        try (NDArray values = m.create(t, p.getArray().getShape())) {
            TorchEngine.assign(p.getArray(), values);
        }
        return value(layer, store, m, f, w);
    }

    /**
     * The squared input gradient, as gradient penalties compute it: back-propagating it to T needs
     * the layer's second derivatives (double back-propagation).
     */
    private static double penalty(MinibatchDiscrimination layer, ParameterStore store, NDManager m, double[] f,
            double[] w, boolean backward) {
        try (NDManager step = m.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = step.create(f, new Shape(N, A));
            x.setRequiresGradient(true);
            NDArray y = LayersTest.run(layer, store, x, true);
            NDArray g = TorchEngine.inputGradient(y.mul(step.create(w, y.getShape())), x);
            NDArray p = g.square().sum();
            if (backward) {
                collector.backward(p);
            }
            return p.getDouble();
        }
    }

    @Test
    void gradientPenaltyBackPropagatesToTheKernels() {
        double[] t = gaussians(10, A * B * C, 0.4);
        double[] f = gaussians(11, N * A, 1);
        double[] w = gaussians(12, N * (A + B), 1);
        try (NDManager m = NDManager.newBaseManager()) {
            MinibatchDiscrimination layer = layerWith(m, DataType.FLOAT64, t);
            ParameterStore store = new ParameterStore(m, false);
            Parameter projection = LayersTest.param(layer, "kernel_projection");
            penalty(layer, store, m, f, w, true);
            double[] analytic;
            try (NDArray g = projection.getArray().getGradient()) {
                analytic = g.toDoubleArray();
            }
            double h = 1e-6;
            for (int k = 0; k < t.length; k++) {
                double[] plus = t.clone();
                double[] minus = t.clone();
                plus[k] += h;
                minus[k] -= h;
                setProjection(m, projection, plus);
                double fPlus = penalty(layer, store, m, f, w, false);
                setProjection(m, projection, minus);
                double fMinus = penalty(layer, store, m, f, w, false);
                assertThat(analytic[k]).as("d penalty/dT %d", k).isCloseTo((fPlus - fMinus) / (2 * h), within(1e-6));
            }
            assertThat(Arrays.stream(analytic).map(Math::abs).max().orElseThrow()).isGreaterThan(1e-3);
        }
    }

    private static void setProjection(NDManager m, Parameter p, double[] t) {
        try (NDArray values = m.create(t, p.getArray().getShape())) {
            TorchEngine.assign(p.getArray(), values);
        }
    }

    @Test
    void trainingStepsLeaveNoArraysWithTheParameters() {
        try (NDManager m = NDManager.newBaseManager()) {
            MinibatchDiscrimination layer = layerWith(m, DataType.FLOAT64, gaussians(14, A * B * C, 0.4));
            ParameterStore store = new ParameterStore(m, false);
            double[] w = gaussians(15, N * (A + B), 1);
            int before = m.getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                penalty(layer, store, m, gaussians(16 + i, N * A, 1), w, true);
            }
            assertThat(m.getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void initialisationIsSeededUniformWithFanInBound() {
        try (NDManager m = NDManager.newBaseManager()) {
            int features = 50;
            float[][] draws = new float[2][];
            for (int run = 0; run < 2; run++) {
                MinibatchDiscrimination layer = new MinibatchDiscrimination(features, 8, 5);
                LayersTest.init(layer, m, new Shape(N, features));
                draws[run] = LayersTest.param(layer, "kernel_projection").getArray().toFloatArray();
            }
            assertThat(draws[0]).hasSize(features * 8 * 5).containsExactly(draws[1]);
            double bound = 1 / Math.sqrt(features);
            double sumSquares = 0;
            for (float v : draws[0]) {
                assertThat((double) Math.abs(v)).isLessThanOrEqualTo(bound);
                sumSquares += v * (double) v;
            }
            // U(-a, a) has variance a²/3; over 2,000 draws the sample value's standard deviation is 2 %.
            assertThat(sumSquares / draws[0].length).isCloseTo(bound * bound / 3, within(0.1 * bound * bound / 3));
        }
    }

    @Test
    void outputShapeIsFeaturesPlusKernels() {
        MinibatchDiscrimination layer = new MinibatchDiscrimination(A, B, C);
        assertThat(layer.getOutputShapes(new Shape[] {new Shape(7, A)})).containsExactly(new Shape(7, A + B));
    }

    private static long trainable(Block b) {
        long count = 0;
        for (var p : b.getParameters()) {
            if (p.getValue().requiresGradient()) {
                count += p.getValue().getArray().size();
            }
        }
        return count;
    }

    private static boolean hasMinibatchLayer(Block b) {
        return b.getChildren().values().stream().anyMatch(MinibatchDiscrimination.class::isInstance);
    }

    /** Builds and initialises a discriminator and runs it on a batch of 6; returns its trainable size. */
    private static long discriminator(Config c, int[] example, NDManager m) {
        Block d = Architectures.DISCRIMINATORS.create(c.get(Architectures.D_ARCH), c).build(example, new int[] {1});
        long[] batch = new long[example.length + 1];
        batch[0] = 6;
        for (int i = 0; i < example.length; i++) {
            batch[i + 1] = example[i];
        }
        Shape shape = new Shape(batch);
        ParameterStore store = LayersTest.init(d, m, shape);
        float[] x = floats(gaussians(13, (int) shape.size(), 1));
        NDArray y = LayersTest.run(d, store, m.create(x, shape), true);
        assertThat(y.getShape()).isEqualTo(new Shape(6, 1));
        for (float v : y.toFloatArray()) {
            assertThat(v).isFinite();
        }
        assertThat(hasMinibatchLayer(d)).isEqualTo(c.get(Architectures.D_MINIBATCH_KERNELS) > 0);
        return trainable(d);
    }

    /**
     * Maxout on 2-d points, widths 8, 8, 3 pieces, counted by hand: (2·24 + 24) + (8·24 + 24) for the
     * maxout layers, 8·4·3 for T, then the output layer on 8 + 4 features, (12 + 1).
     */
    @Test
    void maxoutDiscriminatorGetsTheLayerBeforeItsOutput() {
        try (NDManager m = NDManager.newBaseManager()) {
            String[] maxout = {"d.arch=maxout", "d.widths=8,8", "d.pieces=3"};
            Config off = TestConfigs.tiny(maxout);
            Config on = TestConfigs.tiny(concat(maxout, "d.minibatch_kernels=4", "d.minibatch_kernel_dims=3"));
            assertThat(discriminator(off, new int[] {2}, m)).isEqualTo(72 + 216 + 9);
            assertThat(discriminator(on, new int[] {2}, m)).isEqualTo(72 + 216 + 96 + 13);
        }
    }

    /**
     * On 1×8×8 images the layer sees A = 16 features after the hidden layer of mlp and maxout
     * (d.widths=16) and, with d.channels=4,8, 8·2·2 (dcgan), 8·4·4 (sndcgan, one halving) or 8
     * pooled ones (resnet, no halving below 16); it adds A·B·C weights and B inputs to the output
     * layer.
     */
    @Test
    void everyDiscriminatorTakesTheLayerOnItsLastFeatures() {
        Map<String, Integer> features = Map.of("mlp", 16, "maxout", 16, "dcgan", 32, "sndcgan", 128, "resnet", 8);
        try (NDManager m = NDManager.newBaseManager()) {
            for (String arch : Architectures.DISCRIMINATORS.names()) {
                String[] base = {"d.arch=" + arch, "d.widths=16", "d.channels=4,8"};
                if (!features.containsKey(arch)) {
                    // A critic without hidden features (linear) has no place for the layer and must say so.
                    Config with = TestConfigs.tiny(concat(base, "d.minibatch_kernels=3"));
                    assertThatThrownBy(() -> discriminator(with, new int[] {1, 8, 8}, m)).as(arch)
                            .isInstanceOf(ConfigException.class).hasMessageContaining("d.minibatch_kernels=3");
                    continue;
                }
                long off = discriminator(TestConfigs.tiny(base), new int[] {1, 8, 8}, m);
                long on = discriminator(TestConfigs.tiny(concat(base, "d.minibatch_kernels=3",
                        "d.minibatch_kernel_dims=2")), new int[] {1, 8, 8}, m);
                assertThat(on - off).as(arch).isEqualTo(features.get(arch) * 3 * 2 + 3);
            }
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
