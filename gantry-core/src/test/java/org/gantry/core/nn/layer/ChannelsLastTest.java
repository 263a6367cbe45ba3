package org.gantry.core.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.gantry.core.engine.TorchEngine;
import org.gantry.random.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeping maps channels-last changes only where values are stored: the conversion keeps every value
 * and gradient exactly, and a small DCGAN-like discriminator and generator kept so (oneDNN's
 * channels-last kernels where the engine uses oneDNN) compute, in single precision, what the same
 * networks compute in double precision in the plain layout, with all gradients.
 */
class ChannelsLastTest {
    private static final Shape MAP = new Shape(2, 3, 4, 5);

    @BeforeAll
    static void engine() {
        TorchEngine.start(2);
    }

    @Test
    void storingAMapChannelsLastKeepsEveryValueAndGradientExactly() {
        Rng rng = new Rng(7);
        double[] xs = rng.gaussians(120);
        double[] cs = rng.gaussians(120);
        try (NDManager m = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = m.create(xs, MAP).toType(DataType.FLOAT32, false);
            x.setRequiresGradient(true);
            NDArray once = TorchEngine.channelsLast(x);
            NDArray twice = TorchEngine.channelsLast(once);
            assertThat(once.getShape()).isEqualTo(MAP);
            assertThat(once.toFloatArray()).containsExactly(x.toFloatArray());
            assertThat(twice.toFloatArray()).containsExactly(x.toFloatArray());
            // Through a reshape, whose gradient arrives in the plain layout, as at a network's flattening.
            NDArray c = m.create(cs, new Shape(2, 60)).toType(DataType.FLOAT32, false);
            collector.backward(twice.reshape(2, 60).mul(c).sum());
            assertThat(x.getGradient().toFloatArray()).containsExactly(c.toFloatArray());
        }
    }

    @Test
    void aDiscriminatorKeptChannelsLastEqualsItselfInDoublePrecision() {
        agreesWithDoublePrecision(ChannelsLastTest::discriminator, new Shape(3, 1, 12, 12), new Shape(3, 1), 11);
    }

    @Test
    void aGeneratorKeptChannelsLastEqualsItselfInDoublePrecision() {
        agreesWithDoublePrecision(ChannelsLastTest::generator, new Shape(3, 6), new Shape(3, 1, 16, 16), 12);
    }

    /** DCGAN's discriminator in small: stride-2 convolutions, batch norm, leaky ReLU, one logit. */
    private static Block discriminator() {
        return new LayerSequence().add(ConvLayer.intoChannelsLast(1, 16, 4, 2, 1, WeightForm.PLAIN))
                .add(Layers.leakyRelu(0.2f))
                .add(new ConvLayer(16, 24, 4, 2, 1, WeightForm.PLAIN)).add(new BatchNormLayer(24, true))
                .add(Layers.leakyRelu(0.2f))
                .add(Layers.flattenImage()).add(new DenseLayer(24 * 3 * 3, 1, WeightForm.PLAIN));
    }

    /** DCGAN's generator in small: both forms of the up-sampling convolution (16 outputs and 1). */
    private static Block generator() {
        return new LayerSequence().add(new DenseLayer(6, 16 * 4 * 4, WeightForm.PLAIN))
                .add(new BatchNormLayer(16 * 4 * 4, true)).add(Layers.relu())
                .add(Layers.image(16, 4, 4))
                .add(new NearestUpConv(16, 16, 3, WeightForm.PLAIN)).add(new BatchNormLayer(16, true))
                .add(Layers.relu())
                .add(new NearestUpConv(16, 1, 3, WeightForm.PLAIN)).add(Layers.tanh());
    }

    /**
     * The network's output, input gradient and parameter gradients of Σ y·c in single precision
     * (channels-last where that is in use) against the same network, same values, in double
     * precision (never channels-last), relative to each quantity's largest magnitude.
     */
    private static void agreesWithDoublePrecision(Supplier<Block> build, Shape in, Shape out,
            long seed) {
        Rng rng = new Rng(seed);
        double[] xs = rng.gaussians(Math.toIntExact(in.size()));
        double[] cs = rng.gaussians(Math.toIntExact(out.size()));
        try (NDManager m = NDManager.newBaseManager()) {
            Block single = build.get();
            single.initialize(m, DataType.FLOAT32, in);
            Initialisation.pytorchDefault(single, new Rng(seed + 1));
            Block reference = build.get();
            reference.initialize(m, DataType.FLOAT64, in);
            List<Parameter> from = parameters(single);
            List<Parameter> to = parameters(reference);
            for (int i = 0; i < from.size(); i++) {
                try (NDArray values = from.get(i).getArray().toType(DataType.FLOAT64, true)) {
                    TorchEngine.assign(to.get(i).getArray(), values);
                }
            }
            List<double[]> got = outputAndGradients(single, m, DataType.FLOAT32, xs, cs, in, out);
            List<double[]> want = outputAndGradients(reference, m, DataType.FLOAT64, xs, cs, in, out);
            assertThat(got).hasSameSizeAs(want);
            for (int q = 0; q < got.size(); q++) {
                double scale = 0;
                double diff = 0;
                for (int i = 0; i < want.get(q).length; i++) {
                    scale = Math.max(scale, Math.abs(want.get(q)[i]));
                    diff = Math.max(diff, Math.abs(got.get(q)[i] - want.get(q)[i]));
                }
                String what = "quantity " + q + " (output, input gradient, then each parameter's)";
                if (scale < 1e-12) {
                    // A bias before batch normalisation: its gradient is zero, which single precision
                    // leaves at the rounding of sums of terms of order one.
                    assertThat(diff).as(what).isLessThan(1e-4);
                } else {
                    // Single precision through two batch normalisations: about 100 float epsilons.
                    assertThat(diff / scale).as(what).isLessThan(1e-5);
                }
            }
        }
    }

    private static List<Parameter> parameters(Block b) {
        List<Parameter> list = new ArrayList<>();
        b.getParameters().forEach(p -> list.add(p.getValue()));
        return list;
    }

    private static List<double[]> outputAndGradients(Block b, NDManager m, DataType type, double[] xs, double[] cs,
            Shape in, Shape out) {
        try (NDManager step = m.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = step.create(xs, in).toType(type, false);
            x.setRequiresGradient(true);
            // Where the engine takes ATen's path both sides are plain, and the test checks only that.
            assertThat(ChannelsLast.inUse(step.zeros(MAP, type)))
                    .isEqualTo(type == DataType.FLOAT32 && TorchEngine.oneDnnEnabled());
            NDArray y = b.forward(new ParameterStore(step, false), new NDList(x), true).singletonOrThrow();
            collector.backward(y.mul(step.create(cs, out).toType(type, false)).sum());
            List<double[]> result = new ArrayList<>(List.of(doubles(y), doubles(x.getGradient())));
            for (Parameter p : parameters(b)) {
                if (p.requiresGradient()) {
                    result.add(doubles(p.getArray().getGradient()));
                    TorchEngine.clearGradient(p);
                }
            }
            return result;
        }
    }

    private static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, true).toDoubleArray();
    }
}
