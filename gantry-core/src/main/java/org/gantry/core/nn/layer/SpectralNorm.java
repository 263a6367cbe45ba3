package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import org.gantry.core.engine.TorchEngine;

/**
 * Spectral normalisation (Miyato et al. 2018): the weight, seen as a matrix of its output rows, is
 * divided by an estimate of its largest singular value. The estimate comes from one power
 * iteration per training forward pass on a persistent left vector {@code u}, which is a
 * non-trained parameter so that checkpoints and the EMA copy carry it. Gradients flow through
 * σ = uᵀ W v but not through u and v, as in the paper and in PyTorch.
 */
final class SpectralNorm {
    private static final float EPS = 1e-12f;
    private final Parameter u;

    SpectralNorm(Parameter u) {
        this.u = u;
    }

    static Parameter vector(long rows) {
        return Parameter.builder().setName("spectral_u").setType(Parameter.Type.OTHER)
                .optShape(new Shape(rows)).optInitializer(Initializer.ONES).optRequiresGrad(false).build();
    }

    /** Starts u as a random unit vector, as PyTorch does, from the run's initialisation stream. */
    void initialise(org.gantry.random.Rng rng) {
        float[] values = new float[Math.toIntExact(u.getArray().size())];
        double norm = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) rng.gaussian();
            norm += values[i] * (double) values[i];
        }
        for (int i = 0; i < values.length; i++) {
            values[i] /= (float) Math.sqrt(norm);
        }
        Initialisation.fill(u, values);
    }

    Parameter parameter() {
        return u;
    }

    /**
     * @param weight the layer's weight as the parameter store returned it
     * @param scope the step's manager: everything computed here is freed with it
     * @param training whether to advance the power iteration
     */
    NDArray normalise(NDArray weight, NDArray uArray, NDManager scope, boolean training) {
        Shape shape = weight.getShape();
        NDArray w = weight.reshape(shape.get(0), -1);
        w.attach(scope);
        NDArray frozen = w.stopGradient();
        NDArray left = uArray;
        NDArray v = unit(frozen.transpose().matMul(left));
        if (training) {
            left = unit(frozen.matMul(v));
            TorchEngine.assign(uArray, left);
        }
        // The receiver of each product is a scoped array, so results land in the step's manager.
        NDArray sigma = w.matMul(v).mul(left).sum();
        return w.div(sigma).reshape(shape);
    }

    private static NDArray unit(NDArray x) {
        return x.div(x.norm().add(EPS));
    }
}
