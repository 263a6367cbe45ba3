package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A fully connected layer {@code x Wᵀ + b}, optionally spectrally normalised. */
public final class DenseLayer extends WeightLayer {

    public DenseLayer(long in, long out, boolean spectralNorm) {
        super(new Shape(out, in), spectralNorm);
    }

    /** The bias, for layers whose output must start at a given value (self-modulation's γ). */
    Parameter bias() {
        return biasParameter();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return x.getNDArrayInternal().linear(x, weight(store, x, training), bias(store, x, training));
    }
}
