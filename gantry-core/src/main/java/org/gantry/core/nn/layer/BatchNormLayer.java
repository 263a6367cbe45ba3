package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Batch normalisation over the channel axis (axis 1) of 2-D or 4-D input, with PyTorch's
 * defaults: ε 1e-5, running statistics updated with weight 0.1. Without the affine part γ and β
 * stay fixed at 1 and 0, which is what self-modulation builds on.
 */
public final class BatchNormLayer extends Layer {
    // DJL's batchNorm with axis −1 calls libtorch directly (channel axis 1); its momentum is
    // the weight of the old running value, so 0.9 here is PyTorch's momentum 0.1.
    private static final float KEEP = 0.9f;
    private static final float EPS = 1e-5f;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter mean;
    private final Parameter variance;

    public BatchNormLayer(long channels, boolean affine) {
        Shape s = new Shape(channels);
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).optShape(s)
                .optRequiresGrad(affine).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).optShape(s)
                .optRequiresGrad(affine).build());
        mean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optShape(s).optRequiresGrad(false).build());
        variance = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optShape(s).optRequiresGrad(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return x.getNDArrayInternal().batchNorm(x, store.getValue(mean, x.getDevice(), training),
                store.getValue(variance, x.getDevice(), training), store.getValue(gamma, x.getDevice(), training),
                store.getValue(beta, x.getDevice(), training), -1, KEEP, EPS, training);
    }
}
