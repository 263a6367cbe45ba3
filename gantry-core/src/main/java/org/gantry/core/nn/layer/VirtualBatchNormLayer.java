package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.gantry.core.engine.Scalars;

/**
 * Virtual batch normalisation (Salimans et al. 2016): each example is normalised with the
 * statistics of a fixed reference batch together with the example itself, so that an example's
 * output does not depend on the other examples of its batch. The network carries its reference
 * input as the last {@code reference} rows of every batch (see {@link LayerSequence#carryReference});
 * those rows are normalised with the reference statistics alone. Per channel, over the positions of
 * a feature map: mean = (R·μ_ref + μ_x)/(R + 1), likewise the mean square, as in the paper's code.
 * With γ and β; ε 1e-5. Training and inference compute the same thing.
 */
public final class VirtualBatchNormLayer extends Layer {
    private static final float EPS = 1e-5f;
    private final Parameter gamma;
    private final Parameter beta;
    private final int reference;

    public VirtualBatchNormLayer(long channels, int reference) {
        if (reference < 1) {
            throw new IllegalArgumentException("a reference batch needs at least one example, not " + reference);
        }
        this.reference = reference;
        Shape s = new Shape(channels);
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).optShape(s).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).optShape(s).build());
    }

    /** How many rows at the end of each batch are the reference. */
    public int reference() {
        return reference;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long n = x.getShape().get(0) - reference;
        if (n < 0) {
            throw new IllegalStateException("a virtual-batch-normalised layer got " + x.getShape().get(0)
                    + " rows, fewer than its reference of " + reference);
        }
        int dims = x.getShape().dimension();
        int[] positions = dims == 4 ? new int[] {2, 3} : new int[0];
        int[] all = dims == 4 ? new int[] {0, 2, 3} : new int[] {0};
        NDArray ref = x.get(new NDIndex(n + ":"));
        NDArray refMean = Layers.mean(ref, all);
        NDArray refSquare = Layers.mean(ref.square(), all);
        NDArray out = normalise(ref, refMean, refSquare, store, training);
        if (n > 0) {
            NDArray own = x.get(new NDIndex("0:" + n));
            NDArray ownMean = Layers.mean(own, positions);
            NDArray ownSquare = Layers.mean(own.square(), positions);
            double w = 1.0 / (reference + 1);
            NDArray mean = Scalars.times(ownMean, w).add(Scalars.times(refMean, 1 - w));
            NDArray square = Scalars.times(ownSquare, w).add(Scalars.times(refSquare, 1 - w));
            out = normalise(own, mean, square, store, training).concat(out, 0);
        }
        return new NDList(out);
    }

    private NDArray normalise(NDArray x, NDArray mean, NDArray square, ParameterStore store, boolean training) {
        NDArray variance = square.sub(mean.square());
        NDArray standard = x.sub(mean).div(Scalars.plus(Scalars.atLeast(variance, 0), EPS).sqrt());
        long[] shape = new long[x.getShape().dimension()];
        java.util.Arrays.fill(shape, 1);
        shape[1] = x.getShape().get(1);
        NDArray g = store.getValue(gamma, x.getDevice(), training).reshape(new Shape(shape));
        NDArray b = store.getValue(beta, x.getDevice(), training).reshape(new Shape(shape));
        g.attach(x.getManager());
        b.attach(x.getManager());
        return standard.mul(g).add(b);
    }
}
