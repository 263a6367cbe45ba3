package org.gantry.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * Wasserstein GAN (Arjovsky et al. 2017): L_D = E D(G(z)) − E D(x), L_G = −E D(G(z)). The critic
 * must be kept Lipschitz: combine with {@code regulariser.name=clip} (weight clipping) or a
 * gradient penalty.
 */
public final class WassersteinLoss implements AdversarialLoss {
    @Override
    public NDArray realTerm(NDArray real) {
        return real.mean().neg();
    }

    @Override
    public NDArray fakeTerm(NDArray fake) {
        return fake.mean();
    }

    @Override
    public NDArray generatorLoss(NDArray fake) {
        return fake.mean().neg();
    }
}
