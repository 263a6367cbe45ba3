package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Nearest-neighbour up-sampling by 2 followed by a k × k convolution (k = 1 or 3, "same" padding),
 * computed without materialising the up-sampled map. Each of the four output phases (i, j) — the
 * pixel at (2h + i, 2w + j) — sees the low-resolution input through a kernel whose taps are sums
 * of the original taps: for k = 3, phase 0 uses rows (W₀, W₁ + W₂, 0) and phase 1 rows
 * (0, W₀ + W₁, W₂), likewise for columns. So the layer is one convolution at the input resolution
 * to 4 × out channels with the folded kernel, then a depth-to-space by 2. The result equals the
 * literal up-sample-then-convolve (including zero padding at the borders) while the parameters
 * keep the literal layer's shape, initialisation and meaning; libtorch's nearest up-sampling
 * kernel is slow enough that this is the faster way to compute the same function.
 */
public final class NearestUpConv extends WeightLayer {
    private static final float[][] FOLD_3 = {{1, 0, 0, 0, 1, 1, 0, 0, 0}, {0, 0, 0, 1, 1, 0, 0, 0, 1}};
    private static final float[][] FOLD_1 = {{1}, {1}};
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
        this.padding = new Shape(kernel / 2, kernel / 2);
    }

    /** The folded kernel (4·out, in, k, k): output channel 4c + 2i + j is phase (i, j) of channel c. */
    NDArray foldedWeight(NDArray w, NDManager scope) {
        float[][] fold = kernel == 3 ? FOLD_3 : FOLD_1;
        Shape square = new Shape(kernel, kernel);
        NDList phases = new NDList(4);
        for (int i = 0; i < 2; i++) {
            NDArray rows = scope.create(fold[i], square);
            NDArray left = rows.matMul(w);
            for (int j = 0; j < 2; j++) {
                NDArray columns = scope.create(fold[j], square).transpose();
                phases.add(left.matMul(columns));
            }
        }
        Shape s = w.getShape();
        return NDArrays.stack(phases, 1).reshape(4 * s.get(0), s.get(1), kernel, kernel);
    }

    @Override
    NDArray apply(NDArray x, NDArray w, NDArray b) {
        NDManager scope = x.getManager();
        NDArray folded = foldedWeight(w, scope);
        NDArray bias = b.reshape(out, 1);
        bias.attach(scope);
        NDArray repeated = bias.broadcast(new Shape(out, 4)).reshape(4 * out);
        NDList y = x.getNDArrayInternal().convolution(x, folded, repeated, new Shape(1, 1), padding, ConvLayer.ONE, 1);
        return Layers.shuffle(y.singletonOrThrow());
    }
}
