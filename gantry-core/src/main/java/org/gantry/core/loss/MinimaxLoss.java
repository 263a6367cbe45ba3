package org.gantry.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The original minimax GAN (Goodfellow et al. 2014): L_D = E softplus(−D(x)) + E softplus(D(G(z))),
 * L_G = −E softplus(D(G(z))). The generator's gradient vanishes when D rejects its samples.
 */
public final class MinimaxLoss extends LogisticDiscriminatorLoss {

    /** @param realLabel the discriminator's target for real samples (1, or less for one-sided label smoothing) */
    public MinimaxLoss(double realLabel) {
        super(realLabel);
    }

    @Override
    public NDArray generatorLoss(NDArray fake) {
        return Activation.softPlus(fake).mean().neg();
    }
}
