package org.gantry.core.nn;

import ai.djl.nn.Block;

/**
 * A network family (MLP, maxout, DCGAN, ...). An instance carries its settings, read from the
 * configuration by its registry entry, and builds an uninitialised block for given sizes.
 */
public interface Architecture {

    /**
     * @param inputSize features per example going in (latent size for a generator)
     * @param outputSize features per example coming out (1 logit for a discriminator)
     */
    Block build(int inputSize, int outputSize);
}
