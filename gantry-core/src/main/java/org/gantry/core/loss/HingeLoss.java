package org.gantry.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Hinge loss (Lim & Ye 2017; Miyato et al. 2018): L_D = E relu(1 − D(x)) + E relu(1 + D(G(z))),
 * L_G = −E D(G(z)).
 */
public final class HingeLoss implements AdversarialLoss {
    @Override
    public NDArray realTerm(NDArray real) {
        return Activation.relu(real.neg().add(1)).mean();
    }

    @Override
    public NDArray fakeTerm(NDArray fake) {
        return Activation.relu(fake.add(1)).mean();
    }

    @Override
    public NDArray generatorLoss(NDArray fake) {
        return fake.mean().neg();
    }
}
