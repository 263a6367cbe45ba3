package org.gantry.core.loss;

import ai.djl.ndarray.NDArray;
import org.gantry.core.engine.Scalars;

/**
 * Least-squares GAN (Mao et al. 2017) with targets 1 for real and 0 for fake:
 * L_D = ½E(D(x) − 1)² + ½E D(G(z))², L_G = ½E(D(G(z)) − 1)².
 */
public final class LeastSquaresLoss implements AdversarialLoss {
    @Override
    public NDArray realTerm(NDArray real) {
        // Halving is exact in binary floating point, so ½a + ½b is bit for bit ½(a + b).
        return Scalars.times(real.sub(1).square().mean(), 0.5);
    }

    @Override
    public NDArray fakeTerm(NDArray fake) {
        return Scalars.times(fake.square().mean(), 0.5);
    }

    @Override
    public NDArray generatorLoss(NDArray fake) {
        return Scalars.times(fake.sub(1).square().mean(), 0.5);
    }
}
