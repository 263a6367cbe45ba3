package org.gantry.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.gantry.core.engine.Scalars;

/**
 * The original minimax GAN (Goodfellow et al. 2014): L_D = E softplus(−D(x)) + E softplus(D(G(z))),
 * L_G = −E softplus(D(G(z))). The generator's gradient vanishes when D rejects its samples.
 */
public final class MinimaxLoss implements AdversarialLoss {
    private final double realLabel;

    /** @param realLabel the discriminator's target for real samples (1, or less for one-sided label smoothing) */
    public MinimaxLoss(double realLabel) {
        this.realLabel = realLabel;
    }

    @Override
    public NDArray realTerm(NDArray real) {
        return realCrossEntropy(real, realLabel);
    }

    @Override
    public NDArray fakeTerm(NDArray fake) {
        return fakeCrossEntropy(fake);
    }

    @Override
    public NDArray generatorLoss(NDArray fake) {
        return Activation.softPlus(fake).mean().neg();
    }

    /**
     * The real half of a logistic discriminator's binary cross-entropy with label α for real
     * samples: E[α softplus(−D(x)) + (1 − α) softplus(D(x))]. α < 1 is one-sided label smoothing
     * (Salimans et al. 2016); the fake label stays 0 ({@link #fakeCrossEntropy}), as smoothing it
     * too would reward samples where the data has none.
     */
    static NDArray realCrossEntropy(NDArray real, double realLabel) {
        NDArray term = Activation.softPlus(real.neg()).mean();
        if (realLabel != 1.0) {
            term = Scalars.times(term, realLabel).add(Scalars.times(Activation.softPlus(real).mean(), 1 - realLabel));
        }
        return term;
    }

    /** The fake half, label 0: E softplus(D(G(z))). */
    static NDArray fakeCrossEntropy(NDArray fake) {
        return Activation.softPlus(fake).mean();
    }
}
