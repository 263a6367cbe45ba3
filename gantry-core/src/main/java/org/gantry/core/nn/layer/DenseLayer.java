package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/** A fully connected layer {@code x Wᵀ + b}, optionally spectrally normalised. */
public final class DenseLayer extends Layer implements SelfInitialising {
    private final Parameter weight;
    private final Parameter bias;
    private final SpectralNorm spectral;

    public DenseLayer(long in, long out, boolean spectralNorm) {
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in)).optInitializer(Initializer.ZEROS).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).build());
        spectral = spectralNorm ? new SpectralNorm(addParameter(SpectralNorm.vector(out))) : null;
    }

    /** The bias, for layers whose output must start at a given value (self-modulation's γ). */
    Parameter bias() {
        return bias;
    }

    @Override
    public void initialise(org.gantry.random.Rng rng) {
        if (spectral != null) {
            spectral.initialise(rng);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        if (spectral != null) {
            w = spectral.normalise(w, store.getValue(spectral.parameter(), x.getDevice(), training), x.getManager(),
                    training);
        }
        return x.getNDArrayInternal().linear(x, w, store.getValue(bias, x.getDevice(), training));
    }
}
