package org.gantry.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * A GAN objective written as one loss per player (METHODS.md section 1), in the shape compare_gan
 * uses: both losses are computed from the discriminator's raw outputs (logits or critic values)
 * and both are minimised.
 */
public interface AdversarialLoss {

    /** Scalar loss the discriminator minimises, given its outputs on real and generated batches. */
    NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits);

    /** Scalar loss the generator minimises, given the discriminator's outputs on generated samples. */
    NDArray generatorLoss(NDArray fakeLogits);
}
