package org.gantry.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * Least-squares GAN (Mao et al. 2017) with targets 1 for real and 0 for fake:
 * L_D = ½E(D(x) − 1)² + ½E D(G(z))², L_G = ½E(D(G(z)) − 1)².
 */
public final class LeastSquaresLoss implements AdversarialLoss {
    @Override
    public NDArray discriminatorLoss(NDArray real, NDArray fake) {
        return real.sub(1).square().mean().add(fake.square().mean()).mul(0.5f);
    }

    @Override
    public NDArray generatorLoss(NDArray fake) {
        return fake.sub(1).square().mean().mul(0.5f);
    }
}
