package org.gantry.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The original minimax GAN (Goodfellow et al. 2014): L_D = E softplus(−D(x)) + E softplus(D(G(z))),
 * L_G = −E softplus(D(G(z))). The generator's gradient vanishes when D rejects its samples.
 */
public final class MinimaxLoss implements AdversarialLoss {
    @Override
    public NDArray discriminatorLoss(NDArray real, NDArray fake) {
        return crossEntropy(real, fake);
    }

    @Override
    public NDArray generatorLoss(NDArray fake) {
        return Activation.softPlus(fake).mean().neg();
    }

    /** Binary cross-entropy of a logistic discriminator with labels 1 (real) and 0 (fake). */
    static NDArray crossEntropy(NDArray real, NDArray fake) {
        return Activation.softPlus(real.neg()).mean().add(Activation.softPlus(fake).mean());
    }
}
