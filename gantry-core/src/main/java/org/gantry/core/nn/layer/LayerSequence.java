package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
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
    private Parameter reference;
    private long referenceRows;

    /**
     * Makes this sequence carry a fixed reference input of {@code rows} examples of shape
     * {@code example} (a non-trained parameter, so checkpoints and copies hold it): every pass
     * appends it to the batch and drops its rows from the result, which is how the reference
     * reaches each {@link VirtualBatchNormLayer}. Call before the block is initialised.
     */
    public void carryReference(int rows, int[] example) {
        long[] shape = new long[example.length + 1];
        shape[0] = rows;
        for (int i = 0; i < example.length; i++) {
            shape[i + 1] = example[i];
        }
        referenceRows = rows;
        reference = addParameter(Parameter.builder().setName("reference_input").setType(Parameter.Type.OTHER)
                .optShape(new Shape(shape)).optInitializer(Initializer.ZEROS).optRequiresGrad(false).build());
    }

    /** The reference input, or null when this sequence carries none. */
    Parameter reference() {
        return reference;
    }

    public LayerSequence add(Block layer) {
        if (layer != null) {
            addChildBlock(layer instanceof Layer l ? l.sequenceName() : layer.getClass().getSimpleName(), layer);
        }
        return this;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray z = withReference(store, inputs.singletonOrThrow(), training);
        return new NDList(withoutReference(forward(store, z, z, training)));
    }

    private NDArray withReference(ParameterStore store, NDArray x, boolean training) {
        return reference == null ? x : x.concat(store.getValue(reference, x.getDevice(), training), 0);
    }

    private NDArray withoutReference(NDArray y) {
        return reference == null ? y : y.get(new NDIndex("0:" + (y.getShape().get(0) - referenceRows)));
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
        return withoutReference(trunk(store, withReference(store, x, training), training));
    }

    private NDArray trunk(ParameterStore store, NDArray x, boolean training) {
        List<Block> layers = getChildren().values();
        return apply(layers.subList(0, layers.size() - 1), store, x, x, training);
    }

    /** The last layer alone, applied to features such as {@link #features} gives. */
    public NDArray last(ParameterStore store, NDArray features, boolean training) {
        List<Block> layers = getChildren().values();
        return apply(layers.subList(layers.size() - 1, layers.size()), store, features, features, training);
    }

    /** {@link #features} and the last layer applied to them, from one pass. */
    public NDArray[] featuresAndOutput(ParameterStore store, NDArray x, boolean training) {
        List<Block> layers = getChildren().values();
        NDArray input = withReference(store, x, training);
        NDArray features = trunk(store, input, training);
        NDArray output = apply(layers.subList(layers.size() - 1, layers.size()), store, features, input, training);
        return new NDArray[] {withoutReference(features), withoutReference(output)};
    }

    private static NDArray apply(List<Block> layers, ParameterStore store, NDArray x, NDArray z, boolean training) {
        for (Block layer : layers) {
            x = Layers.apply(layer, store, x, z, training);
        }
        return x;
    }
}
