package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import org.gantry.random.Rng;

/** A layer with a weight whose first axis is the output, a bias, and optional spectral norm. */
abstract class WeightLayer extends Layer implements SelfInitialising {
    private final Parameter weight;
    private final Parameter bias;
    private final SpectralNorm spectral;

    WeightLayer(Shape weightShape, boolean spectralNorm) {
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(weightShape).optInitializer(Initializer.ZEROS).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(weightShape.get(0))).build());
        spectral = spectralNorm ? new SpectralNorm(addParameter(SpectralNorm.vector(weightShape.get(0)))) : null;
    }

    @Override
    public void initialise(Rng rng) {
        if (spectral != null) {
            spectral.initialise(rng);
        }
    }

    Parameter biasParameter() {
        return bias;
    }

    /** The weight to compute with: spectrally normalised when that is on. */
    NDArray weight(ParameterStore store, NDArray x, boolean training) {
        NDArray w = store.getValue(weight, x.getDevice(), training);
        if (spectral == null) {
            return w;
        }
        return spectral.normalise(w, store.getValue(spectral.parameter(), x.getDevice(), training), x.getManager(),
                training);
    }

    NDArray bias(ParameterStore store, NDArray x, boolean training) {
        return store.getValue(bias, x.getDevice(), training);
    }
}
