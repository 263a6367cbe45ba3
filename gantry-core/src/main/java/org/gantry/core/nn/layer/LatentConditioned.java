package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * A layer that also sees the generator's latent vector, such as a self-modulated normalisation
 * (Chen et al. 2019). {@link LayerSequence} hands the latent batch to every such layer.
 */
public interface LatentConditioned {

    NDArray forward(ParameterStore store, NDArray x, NDArray z, boolean training);
}
