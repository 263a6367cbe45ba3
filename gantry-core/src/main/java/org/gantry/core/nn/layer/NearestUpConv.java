package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.engine.TransposedConvolution;

/**
 * Nearest-neighbour up-sampling by 2 followed by a k × k convolution (k = 1 or 3, "same" padding),
 * computed without materialising the up-sampled map. Each of the four output phases (i, j) — the
 * pixel at (2h + i, 2w + j) — sees the low-resolution input through a kernel whose taps are sums
 * of the original taps: for k = 3, phase 0 uses rows (W₀, W₁ + W₂, 0) and phase 1 rows
 * (0, W₀ + W₁, W₂), likewise for columns. Each phase's kernel is thus 2 × 2 taps (phase 0 reads
 * input rows h − 1 and h, phase 1 rows h and h + 1), so for k = 3 the layer is one 2 × 2
 * convolution at the input resolution, padded by 1, to 4 × out channels, each phase then read at
 * its offset, and a depth-to-space by 2: 16 multiply-adds per output pixel and channel pair where
 * the literal layer does 36, and the up-sampled map is never materialised. k = 1 folds to one
 * 1 × 1 convolution to 4 × out channels. The result equals the literal up-sample-then-convolve
 * (including zero padding at the borders) while the parameters keep the literal layer's shape,
 * initialisation and meaning.
 *
 * <p>The same folding read as one kernel is a transposed convolution with stride 2: a 4 × 4 kernel
 * with padding 1 for k = 3 (taps W₂, W₁ + W₂, W₀ + W₁, W₀ per axis) and a 2 × 2 kernel without
 * padding for k = 1. On the oneDNN path that is one deconvolution primitive writing the interleaved
 * output directly, with no phases to crop and interleave, forwards or backwards. For dcgan-mnist's
 * 128 → 64 layer at 7 × 7 and batch 64 on a Zen 5 the layer's forward and backward took 18.5 ms
 * against 26.0 ms folded on one thread (forward alone 6.8 against 8.8 ms), and 16 against 23 ms on
 * two (docs/RESULTS.md, issue 19, twelfth session). With few output channels oneDNN's deconvolution
 * is no faster (its kernels block channels by 16; 64 → 1 at 14 × 14 took 5.2–6.1 ms against
 * 4.2–6.6 ms folded), and on ATen's path the transposed convolution is not faster either, so the
 * layer takes the transposed form only with oneDNN on and at least {@link #TRANSPOSED_MIN_OUT}
 * output channels.
 */
public final class NearestUpConv extends WeightLayer {
    /** Phase 0 and 1 of a 3-tap row folded to 2 taps: (W₀, W₁ + W₂) and (W₀ + W₁, W₂), as 2 × 3 matrices. */
    private static final float[][] FOLD_3 = {{1, 0, 0, 0, 1, 1}, {1, 1, 0, 0, 0, 1}};
    private static final float[][] FOLD_1 = {{1}, {1}};
    /** Taps 0..3 of the transposed 4 × 4 kernel along one axis, as a 4 × 3 matrix over the original taps. */
    private static final float[] TRANSPOSED_3 = {0, 0, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0};
    /** Both taps of the transposed 2 × 2 kernel are the 1 × 1 kernel. */
    private static final float[] TRANSPOSED_1 = {1, 1};
    /** oneDNN's channel block: below it the deconvolution was slower than the folded convolution. */
    static final long TRANSPOSED_MIN_OUT = 16;

    /** How the layer computes its output; both give the same values up to rounding. */
    enum Form {
        /** One convolution to the four phases, then crops and an interleave. */
        FOLDED,
        /** One stride-2 transposed convolution. */
        TRANSPOSED
    }

    private final int kernel;
    private final long out;
    private final Shape padding;

    public NearestUpConv(long in, long out, int kernel, WeightForm form) {
        super(new Shape(out, in, kernel, kernel), form);
        if (kernel != 1 && kernel != 3) {
            throw new IllegalArgumentException("folded up-sampling supports kernels 1 and 3, not " + kernel);
        }
        this.kernel = kernel;
        this.out = out;
        // k = 3: the 2 × 2 phase kernels reach one row and column beyond either side of the input.
        this.padding = kernel == 3 ? new Shape(1, 1) : new Shape(0, 0);
    }

    /**
     * The folded kernel (4·out, in, t, t), t = 2 for k = 3 and 1 for k = 1: output channel 4c + 2i + j
     * is phase (i, j) of channel c.
     */
    NDArray foldedWeight(NDArray w, NDManager scope) {
        float[][] fold = kernel == 3 ? FOLD_3 : FOLD_1;
        int taps = kernel == 3 ? 2 : 1;
        Shape fromKernel = new Shape(taps, kernel);
        NDList phases = new NDList(4);
        for (int i = 0; i < 2; i++) {
            NDArray rows = scope.create(fold[i], fromKernel).toType(w.getDataType(), false);
            NDArray left = rows.matMul(w);
            for (int j = 0; j < 2; j++) {
                NDArray columns = scope.create(fold[j], fromKernel).toType(w.getDataType(), false).transpose();
                phases.add(left.matMul(columns));
            }
        }
        Shape s = w.getShape();
        return NDArrays.stack(phases, 1).reshape(4 * s.get(0), s.get(1), taps, taps);
    }

    /** The form this layer computes with now: see the class comment. */
    Form form() {
        return out >= TRANSPOSED_MIN_OUT && TorchEngine.oneDnnEnabled() ? Form.TRANSPOSED : Form.FOLDED;
    }

    /**
     * The transposed convolution's kernel (in, out, K, K), K = k + 1. With stride 2 and padding
     * p = k / 2, tap t along an axis carries input row h to output row 2h + t − p. For k = 3 that
     * makes taps 0..3 phase 1 reading h' + 1, phase 0 reading h', phase 1 reading h' and phase 0
     * reading h' − 1, whose folded weights are W₂, W₁ + W₂, W₀ + W₁ and W₀; for k = 1 both taps are W.
     */
    NDArray transposedWeight(NDArray w, NDManager scope) {
        int taps = kernel + 1;
        NDArray fold = scope.create(kernel == 3 ? TRANSPOSED_3 : TRANSPOSED_1, new Shape(taps, kernel))
                .toType(w.getDataType(), false);
        return fold.matMul(w).matMul(fold.transpose()).transpose(1, 0, 2, 3);
    }

    @Override
    NDArray apply(NDArray x, NDArray w, NDArray b) {
        return apply(x, w, b, form());
    }

    NDArray apply(NDArray x, NDArray w, NDArray b, Form form) {
        NDManager scope = x.getManager();
        if (form == Form.TRANSPOSED) {
            return TransposedConvolution.strideTwo(x, transposedWeight(w, scope), b);
        }
        NDArray folded = foldedWeight(w, scope);
        NDArray bias = b.reshape(out, 1);
        bias.attach(scope);
        NDArray repeated = bias.broadcast(new Shape(out, 4)).reshape(4 * out);
        NDArray y = x.getNDArrayInternal().convolution(x, folded, repeated, new Shape(1, 1), padding, ConvLayer.ONE, 1)
                .singletonOrThrow();
        if (kernel == 1) {
            return Layers.shuffle(y);
        }
        // y is (n, 4·out, h + 1, w + 1); phase (i, j) of output pixel (h', w') sits at (h' + i, w' + j).
        Shape s = x.getShape();
        long n = s.get(0);
        long h = s.get(2);
        long width = s.get(3);
        // Split first, then crop each phase: the backward pass of an index into all four phases
        // zero-fills a gradient of y's full size per phase and adds the four up; split's backward
        // is one concatenation.
        NDList phases = y.reshape(n, out, 4, h + 1, width + 1).split(4, 2);
        NDList aligned = new NDList(4);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                aligned.add(phases.get(2 * i + j).get(new NDIndex(":, :, 0, {}:{}, {}:{}", i, i + h, j, j + width)));
            }
        }
        return Layers.shuffle(NDArrays.stack(aligned, 2).reshape(n, 4 * out, h, width));
    }
}
