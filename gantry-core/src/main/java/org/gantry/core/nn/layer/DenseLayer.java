package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/** A fully connected layer {@code x Wᵀ + b}, its weight in the given {@link WeightForm}. */
public final class DenseLayer extends WeightLayer {

    public DenseLayer(long in, long out, WeightForm form) {
        super(new Shape(out, in), form);
    }

    /** The bias, for layers whose output must start at a given value (self-modulation's γ). */
    Parameter bias() {
        return biasParameter();
    }

    @Override
    NDArray apply(NDArray x, NDArray w, NDArray b) {
        return product(x, w, b);
    }

    /** {@code x Wᵀ + b} in one libtorch call. */
    static NDArray product(NDArray x, NDArray w, NDArray b) {
        return x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
    }
}
