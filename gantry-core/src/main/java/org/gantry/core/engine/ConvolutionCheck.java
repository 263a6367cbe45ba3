package org.gantry.core.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.gantry.random.Rng;

/**
 * Checks the convolution Gantry's layers compute, in single precision, against libtorch's
 * convolution in double precision, which ATen computes by im2col and matrix products whatever the
 * CPU: output, input, weight and bias gradients, and the weight gradient of a penalty on the input
 * gradient (double back-propagation, as R1 and WGAN-GP take it). The same for the stride-2
 * transposed convolutions of the up-sampling layers ({@link TransposedConvolution}), which oneDNN
 * computes with other primitives. With oneDNN on, each in both layouts of its input: the plain one
 * and channels-last (the layout of networks kept {@code ChannelsLast}, for which oneDNN picks other
 * kernels), against one double-precision reference in the plain layout; ATen's path, which never
 * gets channels-last maps, in the plain one. Two sets of shapes: 288
 * small ones, with channel counts below, at and between oneDNN's blocks and the kernels, strides
 * and paddings Gantry's networks use (2.3 s on two threads of a Zen 5, both layouts); and the 61
 * convolutions of the standard networks at their own sizes, because oneDNN picks its kernels by
 * shape (9.5 s at batch 16 there).
 *
 * <p>{@link ConvolutionPath} runs the small shapes with oneDNN on at every start and the network
 * layers once per machine ({@link ConvolutionVerdicts}), and keeps oneDNN only if nothing fails;
 * {@code ConvolutionAccuracyTest} requires no failure on the path in use; the stress bench's probe
 * checks both paths with the layers at the training batch.
 */
public final class ConvolutionCheck {
    private static final int[] IN = {1, 3, 16, 17, 24, 64};
    private static final int[] OUT = {1, 3, 8, 16, 24, 64};
    /**
     * kernel, stride, padding: DCGAN's down-sampling, "same" 3 × 3 and 5 × 5, 1 × 1, the 2 × 2 phase
     * kernel of the folded up-sampling convolution, and the classifier's unpadded 5 × 5.
     */
    private static final int[][] GEOMETRY = {{4, 2, 1}, {3, 1, 1}, {5, 1, 2}, {1, 1, 0}, {2, 1, 1}, {5, 1, 0}};
    /** Kernels of the stride-2 transposed convolutions: up-sampling followed by 3 × 3 and by 1 × 1. */
    private static final int[] TRANSPOSED_KERNELS = {4, 2};
    /**
     * in, out, side, kernel, stride, padding: every convolution of the standard networks, as traced
     * from training runs: DCGAN on MNIST and Stacked MNIST (discriminator; generator's folded
     * up-sampling to 4 × out channels), SNDCGAN and the SNGAN ResNets on 28 × 28 × 1 and 32 × 32 × 3
     * images with their default widths (3 × 3, folded 3 × 3 and 1 × 1 up-sampling, 1 × 1 shortcuts),
     * and the MNIST classifier.
     */
    private static final int[][] LAYERS = {
        // DCGAN, Stacked MNIST, SNDCGAN: 4 × 4 stride-2 down-sampling
        {1, 64, 28, 4, 2, 1}, {3, 64, 28, 4, 2, 1}, {64, 128, 14, 4, 2, 1}, {64, 64, 28, 4, 2, 1},
        {64, 64, 32, 4, 2, 1}, {128, 128, 16, 4, 2, 1}, {256, 256, 8, 4, 2, 1},
        // folded 3 × 3 up-sampling (2 × 2 phase kernels to 4 × out)
        {128, 256, 7, 2, 1, 1}, {64, 4, 14, 2, 1, 1}, {64, 12, 14, 2, 1, 1}, {128, 256, 14, 2, 1, 1},
        {512, 1024, 4, 2, 1, 1}, {256, 512, 8, 2, 1, 1}, {128, 256, 16, 2, 1, 1}, {128, 512, 4, 2, 1, 1},
        {128, 512, 7, 2, 1, 1}, {128, 512, 8, 2, 1, 1}, {128, 512, 14, 2, 1, 1}, {128, 512, 16, 2, 1, 1},
        // folded 1 × 1 up-sampling and 1 × 1 shortcuts
        {128, 512, 4, 1, 1, 0}, {128, 512, 7, 1, 1, 0}, {128, 512, 8, 1, 1, 0}, {128, 512, 14, 1, 1, 0},
        {128, 512, 16, 1, 1, 0}, {3, 128, 16, 1, 1, 0}, {1, 128, 14, 1, 1, 0}, {128, 128, 16, 1, 1, 0},
        // "same" 3 × 3
        {1, 64, 28, 3, 1, 1}, {64, 128, 14, 3, 1, 1}, {64, 1, 28, 3, 1, 1}, {3, 64, 32, 3, 1, 1},
        {64, 128, 16, 3, 1, 1}, {128, 256, 8, 3, 1, 1}, {256, 512, 4, 3, 1, 1}, {64, 3, 32, 3, 1, 1},
        {3, 128, 32, 3, 1, 1}, {128, 128, 32, 3, 1, 1}, {128, 128, 16, 3, 1, 1}, {128, 128, 8, 3, 1, 1},
        {128, 3, 32, 3, 1, 1}, {1, 128, 28, 3, 1, 1}, {128, 128, 28, 3, 1, 1}, {128, 128, 14, 3, 1, 1},
        {128, 1, 28, 3, 1, 1},
        // the classifier
        {1, 32, 28, 5, 1, 0}, {32, 64, 12, 5, 1, 0}};
    /**
     * in, out, side, kernel: the up-sampling layers above that take the transposed form
     * (NearestUpConv: at least 16 output channels), as stride-2 transposed convolutions.
     */
    private static final int[][] TRANSPOSED_LAYERS = {
        // DCGAN and Stacked MNIST generators, up-sampling then 3 × 3
        {128, 64, 7, 4}, {128, 64, 14, 4}, {512, 256, 4, 4}, {256, 128, 8, 4}, {128, 64, 16, 4},
        // SNGAN ResNet generators: 3 × 3 and the 1 × 1 shortcut after up-sampling
        {128, 128, 4, 4}, {128, 128, 7, 4}, {128, 128, 8, 4}, {128, 128, 14, 4}, {128, 128, 16, 4},
        {128, 128, 4, 2}, {128, 128, 7, 2}, {128, 128, 8, 2}, {128, 128, 14, 2}, {128, 128, 16, 2}};
    /**
     * The batch of the network layers at every start-up (once per machine, then cached by
     * {@link ConvolutionVerdicts}): a quarter of the training batch, for a check of about 8 s on an
     * AMD Zen 4 and 17 s on a Zen 3 with two threads in the plain layout alone (9.5 s with both on a
     * Zen 5), where the training batch takes four times as long.
     */
    public static final int START_UP_BATCH = 16;
    /** The standard networks' training batch: the stress bench's probe checks the layers at it. */
    public static final int TRAINING_BATCH = 64;
    /**
     * Relative error allowed, about 170 float epsilons: single-precision rounding grows with the
     * length of a sum, and the longest here are weight gradients at the training batch (64 images ×
     * 32 × 32 positions = 65,536 products per weight); outputs and input gradients sum at most 4,608.
     */
    static final double TOLERANCE = 2e-5;
    private static final long SMALL_SHAPE_SEED = 11;
    private static final long LAYER_SEED = 12;

    private ConvolutionCheck() {}

    /** Number of small shapes checked at every start-up. */
    public static int smallShapes() {
        return IN.length * OUT.length * (GEOMETRY.length + TRANSPOSED_KERNELS.length);
    }

    /** Number of network layers checked. */
    public static int networkLayers() {
        return LAYERS.length + TRANSPOSED_LAYERS.length;
    }

    /**
     * Comparisons per shape with oneDNN on: output, three gradients and a second derivative, in
     * each of the two layouts.
     */
    public static int checksPerShape() {
        return Case.QUANTITIES.length * layouts(true).length;
    }

    /**
     * Names what {@link #networkLayerFailures} checks at {@code batch}: the layer table, the
     * tolerance and the seed, hashed, so a cached verdict is reused only for the same check.
     */
    static String networkLayerCheckId(int batch) {
        return "layers-" + Integer.toHexString(Arrays.deepHashCode(new int[][][] {LAYERS, TRANSPOSED_LAYERS}))
                + "-batch" + batch + "-tol"
                + TOLERANCE + "-seed" + LAYER_SEED + "-" + String.join("-and-", oneDnnLayoutNames());
    }

    /**
     * One line per small shape and quantity that differs from the double-precision convolution, on
     * the path the engine uses now.
     */
    public static List<String> smallShapeFailures() {
        TorchEngine.start0();
        List<String> wrong = new ArrayList<>();
        Rng rng = new Rng(SMALL_SHAPE_SEED);
        for (int in : IN) {
            for (int out : OUT) {
                int size = in * out % 2 == 0 ? 8 : 5;
                for (int[] g : GEOMETRY) {
                    check(new Case(3, in, out, size, g[0], g[1], g[2], false, rng), wrong);
                }
                for (int k : TRANSPOSED_KERNELS) {
                    check(Case.transposed(3, in, out, size, k, rng), wrong);
                }
            }
        }
        return wrong;
    }

    /** The same for every network layer, at {@code batch} images. */
    public static List<String> networkLayerFailures(int batch) {
        TorchEngine.start0();
        List<String> wrong = new ArrayList<>();
        Rng rng = new Rng(LAYER_SEED);
        for (int[] l : LAYERS) {
            check(new Case(batch, l[0], l[1], l[2], l[3], l[4], l[5], false, rng), wrong);
        }
        for (int[] l : TRANSPOSED_LAYERS) {
            check(Case.transposed(batch, l[0], l[1], l[2], l[3], rng), wrong);
        }
        return wrong;
    }

    /** Small shapes and network layers at {@code layerBatch}, on the path the engine uses now. */
    public static List<String> failures(int layerBatch) {
        List<String> wrong = smallShapeFailures();
        wrong.addAll(networkLayerFailures(layerBatch));
        return wrong;
    }

    /**
     * The input layouts checked: channels-last only with oneDNN on, the one path that computes in
     * it ({@code ChannelsLast}); a failure in either takes oneDNN off altogether.
     */
    private static boolean[] layouts(boolean oneDnn) {
        return oneDnn ? new boolean[] {false, true} : new boolean[] {false};
    }

    private static List<String> oneDnnLayoutNames() {
        List<String> names = new ArrayList<>();
        for (boolean channelsLast : layouts(true)) {
            names.add(channelsLast ? "channels-last" : "plain");
        }
        return names;
    }

    private static void check(Case c, List<String> wrong) {
        double[][] reference = c.compute(DataType.FLOAT64, false);
        for (boolean channelsLast : layouts(LibtorchContext.oneDnnEnabled())) {
            double[][] single = c.compute(DataType.FLOAT32, channelsLast);
            for (int q = 0; q < single.length; q++) {
                // A bias gradient is one plain sum per channel: with one or three channels it can cancel
                // to near zero, so its rounding is measured against the sum of the terms' magnitudes.
                double error = q == 3 ? relativeError(single[q], reference[q], c.cotangentMagnitude())
                        : relativeError(single[q], reference[q]);
                if (!(error < TOLERANCE)) {
                    wrong.add(c + (channelsLast ? " channels-last " : " ") + Case.QUANTITIES[q] + " error " + error);
                }
            }
        }
    }

    /** {@link #failures} with libtorch's oneDNN switched on for the duration. */
    public static List<String> failuresWithOneDnn(int layerBatch) {
        return withOneDnn(true, () -> failures(layerBatch));
    }

    /** {@link #failures} with oneDNN switched off for the duration: ATen's im2col path. */
    public static List<String> failuresWithAten(int layerBatch) {
        return withOneDnn(false, () -> failures(layerBatch));
    }

    /**
     * Runs {@code check} with oneDNN switched on or off, then restores the setting. Locked with
     * {@link ConvolutionPath#choose()} so that no choice is made while the switch is borrowed.
     */
    static <T> T withOneDnn(boolean on, Supplier<T> check) {
        TorchEngine.start0();
        synchronized (ConvolutionPath.class) {
            boolean before = LibtorchContext.oneDnnEnabled();
            LibtorchContext.setOneDnn(on);
            try {
                return check.get();
            } finally {
                LibtorchContext.setOneDnn(before);
            }
        }
    }

    /** Largest absolute difference over the reference's largest magnitude; infinite if any value is not finite. */
    static double relativeError(double[] a, double[] b) {
        return relativeError(a, b, 0);
    }

    /** The same with the scale at least {@code floor}. */
    static double relativeError(double[] a, double[] b, double floor) {
        double diff = 0;
        double scale = Math.max(1e-6, floor);
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                return Double.POSITIVE_INFINITY;
            }
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / scale;
    }

    /**
     * One convolution, or with {@code transposed} one transposed convolution, whose weight is
     * (in, out, k, k) and whose output is {@code outSize()} a side.
     */
    private record Case(int n, int in, int out, int size, int kernel, int stride, int padding, boolean transposed,
            double[] x, double[] w, double[] b, double[] cotangent, double[] second) {
        static final String[] QUANTITIES = {"output", "input gradient", "weight gradient", "bias gradient",
            "weight gradient of a penalty on the input gradient"};

        Case(int n, int in, int out, int size, int kernel, int stride, int padding, boolean transposed, Rng rng) {
            this(n, in, out, size, kernel, stride, padding, transposed, rng.gaussians(n * in * size * size),
                    rng.gaussians(out * in * kernel * kernel), rng.gaussians(out),
                    rng.gaussians(n * out * square(outSize(size, kernel, stride, padding, transposed))),
                    rng.gaussians(n * in * size * size));
        }

        /** The stride-2 transposed convolution of {@link TransposedConvolution#strideTwo}: padding k/2 − 1. */
        static Case transposed(int n, int in, int out, int size, int kernel, Rng rng) {
            return new Case(n, in, out, size, kernel, 2, kernel / 2 - 1, true, rng);
        }

        static int outSize(int size, int kernel, int stride, int padding, boolean transposed) {
            return transposed ? (size - 1) * stride - 2 * padding + kernel : (size + 2 * padding - kernel) / stride + 1;
        }

        private static int square(int side) {
            return side * side;
        }

        /** The largest sum of |cotangent| over one output channel: the scale of a bias gradient's terms. */
        double cotangentMagnitude() {
            int perChannel = cotangent.length / (n * out);
            double largest = 0;
            for (int c = 0; c < out; c++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < perChannel; j++) {
                        sum += Math.abs(cotangent[(i * out + c) * perChannel + j]);
                    }
                }
                largest = Math.max(largest, sum);
            }
            return largest;
        }

        /**
         * Output; gradients of Σ y·c for input, weight, bias; weight gradient of Σ (∂/∂x Σ y·c) · d.
         * With {@code channelsLast} the input, c and d are stored channels-last, as in a network kept so.
         */
        double[][] compute(DataType type, boolean channelsLast) {
            double[][] result = new double[5][];
            int o = outSize(size, kernel, stride, padding, transposed);
            long[] weightShape = transposed ? new long[] {in, out, kernel, kernel} : new long[] {out, in, kernel, kernel};
            try (NDManager m = NDManager.newBaseManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray xs = array(m, x, type, n, in, size, size);
                NDArray ws = array(m, w, type, weightShape);
                NDArray bs = array(m, b, type, out);
                NDArray y = convolve(layout(xs, channelsLast), ws, bs);
                collector.backward(y.mul(layout(array(m, cotangent, type, n, out, o, o), channelsLast)).sum());
                result[0] = values(y);
                result[1] = values(xs.getGradient());
                result[2] = values(ws.getGradient());
                result[3] = values(bs.getGradient());
            }
            try (NDManager m = NDManager.newBaseManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray xs = array(m, x, type, n, in, size, size);
                NDArray ws = array(m, w, type, weightShape);
                NDArray y = convolve(layout(xs, channelsLast), ws, array(m, b, type, out));
                NDArray gx = TorchEngine.inputGradient(
                        y.mul(layout(array(m, cotangent, type, n, out, o, o), channelsLast)).sum(), xs);
                collector.backward(gx.mul(layout(array(m, second, type, n, in, size, size), channelsLast)).sum());
                result[4] = values(ws.getGradient());
            }
            return result;
        }

        /** The op {@code ConvLayer} calls, or the one {@code NearestUpConv}'s transposed form calls. */
        private NDArray convolve(NDArray x, NDArray w, NDArray bias) {
            if (transposed) {
                return TransposedConvolution.strideTwo(x, w, bias);
            }
            Shape s = new Shape(stride, stride);
            Shape p = new Shape(padding, padding);
            return x.getNDArrayInternal().convolution(x, w, bias, s, p, new Shape(1, 1), 1).singletonOrThrow();
        }

        private static NDArray layout(NDArray a, boolean channelsLast) {
            return channelsLast ? TorchEngine.channelsLast(a) : a;
        }

        private static NDArray array(NDManager m, double[] values, DataType type, long... shape) {
            NDArray a = m.create(values, new Shape(shape)).toType(type, true);
            a.setRequiresGradient(true);
            return a;
        }

        private static double[] values(NDArray a) {
            return a.toType(DataType.FLOAT64, true).toDoubleArray();
        }

        @Override
        public String toString() {
            return String.format("%sn%d in%d out%d %dx%d k%d s%d p%d", transposed ? "transposed " : "", n, in, out,
                    size, size, kernel, stride, padding);
        }
    }
}
