package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/** A square 2-D convolution with bias, optionally spectrally normalised. */
public final class ConvLayer extends Layer implements SelfInitialising {
    private static final Shape ONE = new Shape(1, 1);
    private final Parameter weight;
    private final Parameter bias;
    private final SpectralNorm spectral;
    private final Shape stride;
    private final Shape padding;

    public ConvLayer(long in, long out, int kernel, int stride, int padding, boolean spectralNorm) {
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in, kernel, kernel)).optInitializer(Initializer.ZEROS).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).build());
        spectral = spectralNorm ? new SpectralNorm(addParameter(SpectralNorm.vector(out))) : null;
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
    }

    /** Output side length for an input side length. */
    public static int outputSize(int size, int kernel, int stride, int padding) {
        return (size + 2 * padding - kernel) / stride + 1;
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
        return x.getNDArrayInternal().convolution(x, w, store.getValue(bias, x.getDevice(), training), stride,
                padding, ONE, 1);
    }
}
