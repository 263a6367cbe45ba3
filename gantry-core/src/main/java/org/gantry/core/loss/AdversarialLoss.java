package org.gantry.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * An adversarial objective: what the discriminator minimises, as a term on real samples plus a
 * term on generated ones (reported apart, as d_loss_real and d_loss_fake), and what the generator
 * minimises.
 */
public interface AdversarialLoss {

    /** The discriminator's scalar loss term on its outputs for a real batch. */
    NDArray realTerm(NDArray realLogits);

    /** The discriminator's scalar loss term on its outputs for a generated batch. */
    NDArray fakeTerm(NDArray fakeLogits);

    /** Scalar loss the discriminator minimises: {@link #realTerm} + {@link #fakeTerm}. */
    default NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        return realTerm(realLogits).add(fakeTerm(fakeLogits));
    }

    /** Scalar loss the generator minimises, given the discriminator's outputs on generated samples. */
    NDArray generatorLoss(NDArray fakeLogits);
}
