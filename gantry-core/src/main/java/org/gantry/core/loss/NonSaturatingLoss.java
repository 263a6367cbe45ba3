package org.gantry.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The non-saturating GAN (Goodfellow et al. 2014): the discriminator as in minimax, the generator
 * minimises E softplus(−D(G(z))), i.e. maximises log D(G(z)).
 */
public final class NonSaturatingLoss extends LogisticDiscriminatorLoss {

    /** @param realLabel the discriminator's target for real samples (1, or less for one-sided label smoothing) */
    public NonSaturatingLoss(double realLabel) {
        super(realLabel);
    }

    @Override
    public NDArray generatorLoss(NDArray fake) {
        return Activation.softPlus(fake.neg()).mean();
    }
}
