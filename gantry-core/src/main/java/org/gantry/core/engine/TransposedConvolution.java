package org.gantry.core.engine;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * libtorch's transposed convolution with stride 2, which DJL's PyTorch engine does not expose: run
 * through a TorchScript function shipped with Gantry ({@code conv_transpose.pt}, written by
 * {@code src/main/python/make_conv_transpose.py}), so autograd records it like any other operator,
 * gradients of gradients included. On the oneDNN path libtorch computes it with oneDNN's
 * deconvolution, which {@link ConvolutionCheck} checks like the convolutions.
 */
public final class TransposedConvolution {
    private TransposedConvolution() {}

    /**
     * y = conv_transpose2d(x, weight, bias) with stride 2 and padding K/2 − 1.
     *
     * @param x (n, in, h, w)
     * @param weight (in, out, K, K), K even
     * @param bias (out)
     * @return (n, out, 2h, 2w), owned by {@code x}'s manager
     */
    public static NDArray strideTwo(NDArray x, NDArray weight, NDArray bias) {
        long kernel = weight.getShape().get(2);
        if (weight.getShape().dimension() != 4 || weight.getShape().get(3) != kernel || kernel % 2 != 0) {
            throw new IllegalArgumentException("a stride-2 transposed convolution needs a square kernel with an"
                    + " even side, (in, out, K, K); got a weight of shape " + weight.getShape());
        }
        return ShippedScripts.forward("conv_transpose.pt", x.getManager(), List.of(x, weight, bias)).singletonOrThrow();
    }
}
