package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * Layers applied one after the other. The sequence's own input is kept and handed, with the
 * current features, to every {@link LatentConditioned} layer: for a generator that input is the
 * latent batch, which is how self-modulation reaches every normalisation.
 */
public final class LayerSequence extends Layer implements LatentConditioned {

    public LayerSequence add(Block layer) {
        if (layer != null) {
            addChildBlock(layer.getClass().getSimpleName(), layer);
        }
        return this;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray z = inputs.singletonOrThrow();
        return new NDList(forward(store, z, z, training));
    }

    /** Runs the layers on {@code x} with latent batch {@code z}. */
    @Override
    public NDArray forward(ParameterStore store, NDArray x, NDArray z, boolean training) {
        return apply(getChildren().values(), store, x, z, training);
    }

    /**
     * What the last layer reads: every layer but the last applied to {@code x}. For a
     * discriminator, its last hidden features (feature matching).
     */
    public NDArray features(ParameterStore store, NDArray x, boolean training) {
        List<Block> layers = getChildren().values();
        return apply(layers.subList(0, layers.size() - 1), store, x, x, training);
    }

    /** {@link #features} and the last layer applied to them, from one pass. */
    public NDArray[] featuresAndOutput(ParameterStore store, NDArray x, boolean training) {
        List<Block> layers = getChildren().values();
        NDArray features = features(store, x, training);
        return new NDArray[] {features, apply(layers.subList(layers.size() - 1, layers.size()), store, features, x, training)};
    }

    private static NDArray apply(List<Block> layers, ParameterStore store, NDArray x, NDArray z, boolean training) {
        for (Block layer : layers) {
            x = Layers.apply(layer, store, x, z, training);
        }
        return x;
    }
}
