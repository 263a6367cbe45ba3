package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.gantry.random.Rng;

/**
 * Self-modulated normalisation (Chen, Lucic, Houlsby, Gelly, ICLR 2019; METHODS.md section 3):
 * the features are standardised without a learned affine, then scaled and shifted per channel by
 * a small network of the latent vector: h = ReLU(W_h z + b_h), γ(z) = W_γ h + b_γ with b_γ
 * starting at 1, β(z) = W_β h with a bias starting at 0. A hidden size of 0 makes γ and β linear
 * in z.
 */
public final class SelfModulation extends Layer implements LatentConditioned, SelfInitialising {
    private final Block standardise;
    private final DenseLayer hidden;
    private final DenseLayer scale;
    private final DenseLayer shift;

    /**
     * @param standardise a batch or layer normalisation without affine part
     * @param form the weight form of the modulation layers
     */
    public SelfModulation(Block standardise, long latentSize, long channels, int hiddenSize, WeightForm form) {
        this.standardise = addChildBlock("standardise", standardise);
        long in = latentSize;
        if (hiddenSize > 0) {
            hidden = addChildBlock("hidden", new DenseLayer(latentSize, hiddenSize, form));
            in = hiddenSize;
        } else {
            hidden = null;
        }
        scale = addChildBlock("gamma", new DenseLayer(in, channels, form));
        shift = addChildBlock("beta", new DenseLayer(in, channels, form));
    }

    @Override
    public void initialise(Rng rng) {
        Initialisation.fillConstant(scale.bias(), 1f);
        Initialisation.fillConstant(shift.bias(), 0f);
    }

    @Override
    public NDArray forward(ParameterStore store, NDArray x, NDArray z, boolean training) {
        NDArray normal = standardise.forward(store, new NDList(x), training).singletonOrThrow();
        NDArray h = z;
        if (hidden != null) {
            h = hidden.forward(store, new NDList(z), training).singletonOrThrow().getNDArrayInternal().relu();
        }
        NDArray gamma = scale.forward(store, new NDList(h), training).singletonOrThrow();
        NDArray beta = shift.forward(store, new NDList(h), training).singletonOrThrow();
        if (x.getShape().dimension() == 4) {
            gamma = gamma.expandDims(2).expandDims(3);
            beta = beta.expandDims(2).expandDims(3);
        }
        return normal.mul(gamma).add(beta);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("self-modulation takes the features and the latent batch");
        }
        return new NDList(forward(store, inputs.get(0), inputs.get(1), training));
    }
}
