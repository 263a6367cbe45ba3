package org.gantry.core.nn.layer;

import ai.djl.nn.Block;

/**
 * Makes the convolution that doubles the resolution, standing in for a transposed convolution
 * (which DJL's PyTorch engine lacks).
 */
@FunctionalInterface
public interface UpFactory {

    Block create(long in, long out, int kernel, WeightForm form);

    /**
     * Nearest-neighbour up-sampling by 2, then a convolution from {@code in} to {@code out} channels;
     * folded into one low-resolution convolution ({@link NearestUpConv}) for kernels 1 and 3.
     */
    static UpFactory nearest() {
        return (in, out, kernel, form) -> kernel == 1 || kernel == 3 ? new NearestUpConv(in, out, kernel, form)
                : literalNearest().create(in, out, kernel, form);
    }

    /** Nearest-neighbour up-sampling materialised, then the convolution: the reference for the folded form. */
    static UpFactory literalNearest() {
        return (in, out, kernel, form) -> new LayerSequence().add(Layers.upsampleNearest())
                .add(new ConvLayer(in, out, kernel, 1, kernel / 2, form));
    }

    /**
     * Sub-pixel convolution (Shi et al. 2016): a convolution to four times {@code out} channels at
     * the input resolution, then depth-to-space by 2.
     */
    static UpFactory pixelShuffle() {
        return (in, out, kernel, form) -> new LayerSequence()
                .add(new ConvLayer(in, 4 * out, kernel, 1, kernel / 2, form)).add(Layers.pixelShuffle());
    }
}
