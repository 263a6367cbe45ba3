package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import org.gantry.random.Rng;

/**
 * Minibatch discrimination (Salimans et al. 2016, §3.2): lets a discriminator see how close each
 * example is to the others in its batch, so a generator that collapses onto a few modes is easy to
 * tell apart from the data. For features f(x_i) ∈ R^A a learned tensor T ∈ R^{A×B×C} gives
 * M_i = f(x_i)·T ∈ R^{B×C}; kernel b compares two examples by c_b(x_i, x_j) = exp(−‖M_{i,b} −
 * M_{j,b}‖₁), the L1 norm taken over the C axis; o(x_i)_b = Σ_j c_b(x_i, x_j); the layer outputs
 * [f(x_i), o(x_i)] ∈ R^{A+B}.
 *
 * <p>The sum runs over every j, i itself included, as the paper's equation (4) and METHODS.md
 * write it, so a batch of n identical examples gives o = n in every kernel. The authors' Theano
 * code instead adds 10⁶ to the distance on the diagonal, which drops j = i. The two differ by
 * exactly 1 in every kernel for every input, a term without gradient (M_i − M_i is zero whatever
 * the parameters, and PyTorch's derivative of |·| at 0 is 0): the next linear layer's bias can
 * absorb it, so the networks that can be represented are the same. Like any constant offset of an
 * input it does change that layer's weight gradients somewhat. That code also adds a bias per
 * kernel and reparameterises T by weight normalisation with a scale set from the first batch;
 * neither is part of the method as defined here.
 *
 * <p>T starts as U(−1/√A, 1/√A), PyTorch's default for a linear map with fan-in A, drawn from the
 * run's initialisation stream like every other weight. The authors draw N(0, 0.05²), but their
 * weight normalisation then discards that scale. Used directly, a fixed 0.05 would make the
 * distances grow with √A until, for large A (6272 for dcgan on MNIST), every c_b between distinct
 * examples starts near 0, where the kernels have no gradient; with fan-in scaling M keeps the
 * scale of the features whatever A is.
 *
 * <p>The largest arrays are the pairwise differences and their absolute values, batch × batch × B ×
 * C each, which live until the step's manager closes; nothing larger is formed. Only
 * differentiable operations are used, so the layer works inside double back-propagation (gradient
 * penalties).
 *
 * <p>An example's output depends on the rest of its batch: real and generated batches must go
 * through the discriminator separately, and the result for a batch of one is always o = 1. T is
 * not spectrally normalised, so with d.norm=spectral the network's Lipschitz bound no longer holds
 * through the kernels.
 */
public final class MinibatchDiscrimination extends Layer implements SelfInitialising {
    private final long features;
    private final int kernels;
    private final int kernelDims;
    /** T stored as an A × (B·C) matrix: row-major, the same layout as A × B × C. */
    private final Parameter projection;

    /**
     * @param features A, the size of the feature vector each example comes in with
     * @param kernels B, the number of kernels (extra outputs)
     * @param kernelDims C, the length of each kernel's projection
     */
    public MinibatchDiscrimination(long features, int kernels, int kernelDims) {
        if (features < 1 || kernels < 1 || kernelDims < 1) {
            throw new IllegalArgumentException("minibatch discrimination needs features, kernels and kernel "
                    + "dimensions >= 1, got " + features + ", " + kernels + ", " + kernelDims);
        }
        this.features = features;
        this.kernels = kernels;
        this.kernelDims = kernelDims;
        projection = addParameter(Parameter.builder().setName("kernel_projection").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(features, (long) kernels * kernelDims)).optInitializer(Initializer.ZEROS)
                .build());
    }

    /** The size of each example's output, A + B. */
    public long outputFeatures() {
        return features + kernels;
    }

    /**
     * The generic rule in {@link Initialisation} reads the fan-in from the weight's trailing axes,
     * the layout of dense and convolution weights, but T's input axis is its first.
     */
    @Override
    public void initialise(Rng rng) {
        float[] values = new float[Math.toIntExact(projection.getArray().size())];
        double bound = 1 / Math.sqrt(features);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * rng.uniform() - 1) * bound);
        }
        Initialisation.fill(projection, values);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray f = inputs.singletonOrThrow();
        // f is the receiver of the first product so that every result lands in the step's
        // manager, not in the parameter's.
        NDArray m = f.matMul(store.getValue(projection, f.getDevice(), training)).reshape(-1, kernels, kernelDims);
        NDArray distances = m.expandDims(1).sub(m.expandDims(0)).abs().sum(new int[] {3});
        NDArray o = distances.neg().exp().sum(new int[] {1});
        return new NDList(f.concat(o, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 2 || in.get(1) != features) {
            throw new IllegalArgumentException("minibatch discrimination built for (batch, " + features
                    + ") features, given " + in);
        }
        return new Shape[] {new Shape(in.get(0), outputFeatures())};
    }
}
