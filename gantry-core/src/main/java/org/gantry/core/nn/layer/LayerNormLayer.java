package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Layer normalisation (Ba et al. 2016) over all features of each example, as PyTorch's
 * {@code LayerNorm(C, H, W)}; with the affine part an element-wise γ and β, without it fixed 1 and
 * 0. It does not mix examples, so it suits critics trained with gradient penalties.
 */
public final class LayerNormLayer extends Layer {
    private static final float EPS = 1e-5f;
    private final Parameter gamma;
    private final Parameter beta;
    private final Shape featureShape;

    public LayerNormLayer(Shape featureShape, boolean affine) {
        this.featureShape = featureShape;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optShape(featureShape).optRequiresGrad(affine).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optShape(featureShape).optRequiresGrad(affine).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return x.getNDArrayInternal().layerNorm(x, featureShape, store.getValue(gamma, x.getDevice(), training),
                store.getValue(beta, x.getDevice(), training), EPS);
    }
}
