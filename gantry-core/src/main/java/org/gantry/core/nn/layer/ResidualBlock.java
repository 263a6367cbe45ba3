package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A pre-activation residual block of the SNGAN ResNets (Miyato et al. 2018, after Gulrajani et
 * al. 2017): main path [norm] → ReLU → conv 3×3 → [norm] → ReLU → conv 3×3, with the resampling
 * (up before the first conv, or average-pool after the second) and a learned 1×1 shortcut that
 * resamples too. The discriminator's first block ("optimised block") has no activation before
 * its first convolution and pools its input before the shortcut convolution.
 */
public final class ResidualBlock extends Layer implements LatentConditioned {
    /** Where the block changes resolution. */
    public enum Resample { UP, DOWN, NONE }

    private final LayerSequence main = new LayerSequence();
    private final LayerSequence shortcut = new LayerSequence();

    /**
     * @param size input feature map side
     * @param up makes the resolution-doubling convolutions when resample is UP
     */
    public ResidualBlock(long in, long out, int size, Resample resample, NormFactory norm, WeightForm form,
            boolean first, UpFactory up) {
        int outSize = resample == Resample.UP ? size * 2 : resample == Resample.DOWN ? size / 2 : size;
        if (!first) {
            main.add(norm.create(in, size, size)).add(Layers.relu());
        }
        main.add(resample == Resample.UP ? up.create(in, out, 3, form) : new ConvLayer(in, out, 3, 1, 1, form));
        main.add(norm.create(out, resample == Resample.DOWN ? size : outSize, resample == Resample.DOWN ? size : outSize));
        main.add(Layers.relu()).add(new ConvLayer(out, out, 3, 1, 1, form));
        if (resample == Resample.DOWN) {
            main.add(Layers.averagePool());
        }
        if (resample == Resample.UP) {
            shortcut.add(up.create(in, out, 1, form));
        } else if (first && resample == Resample.DOWN) {
            shortcut.add(Layers.averagePool()).add(new ConvLayer(in, out, 1, 1, 0, form));
        } else if (in != out || resample != Resample.NONE) {
            shortcut.add(new ConvLayer(in, out, 1, 1, 0, form));
            if (resample == Resample.DOWN) {
                shortcut.add(Layers.averagePool());
            }
        }
        addChildBlock("main", main);
        addChildBlock("shortcut", shortcut);
    }

    @Override
    public NDArray forward(ParameterStore store, NDArray x, NDArray z, boolean training) {
        return main.forward(store, x, z, training).add(shortcut.forward(store, x, z, training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(forward(store, x, x, training));
    }
}
