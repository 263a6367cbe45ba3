package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.gantry.core.engine.TorchEngine;

/**
 * Feature maps stored channels-last: the values of an (n, c, h, w) map laid out as (n, h, w, c),
 * which libtorch reads from the strides and keeps through oneDNN's convolutions, batch
 * normalisation and element-wise operators, forwards and backwards. On oneDNN's path that spares
 * each convolution the reorders between the plain layout and oneDNN's blocked one, and batch
 * normalisation runs its vectorised channels-last kernels instead of a scalar loop per channel: the
 * dcgan-mnist step 10 % faster on two threads of a Zen 5 (docs/RESULTS.md, issue 19, twenty-second
 * session). ATen's own convolutions (double precision, or oneDNN switched off) are left the plain
 * layout they were measured in.
 *
 * <p>The layout is never part of a value: every operator computes the same numbers from either, up
 * to the order in which oneDNN's kernels sum. Networks convert where a map enters them (the DCGAN
 * and SNGAN-CNN discriminators, the DCGAN/SNDCGAN generator, and the encoders built from them);
 * libtorch then keeps the layout through convolutions, batch normalisation and element-wise
 * operators. An operator that returns the plain layout (ATen's layer norm) costs a conversion at
 * the next convolution or flattening, not a wrong value.
 */
public final class ChannelsLast {
    private ChannelsLast() {}

    /** Whether maps like {@code x} are kept channels-last now: single precision on oneDNN's path. */
    static boolean inUse(NDArray x) {
        return x.getShape().dimension() == 4 && x.getDataType() == DataType.FLOAT32 && TorchEngine.oneDnnEnabled();
    }

    /**
     * {@code x} stored channels-last when {@link #inUse}, else {@code x} ({@link
     * TorchEngine#channelsLast}): a view when it is stored so already; the gradient goes back
     * channels-last, so the layers before see one layout in both passes (a reshape's gradient
     * would otherwise arrive in the plain one).
     */
    static NDArray of(NDArray x) {
        return inUse(x) ? TorchEngine.channelsLast(x) : x;
    }
}
