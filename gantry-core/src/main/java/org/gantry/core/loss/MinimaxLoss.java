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
    public NDArray discriminatorLoss(NDArray real, NDArray fake) {
        return crossEntropy(real, fake, realLabel);
    }

    @Override
    public NDArray generatorLoss(NDArray fake) {
        return Activation.softPlus(fake).mean().neg();
    }

    /**
     * Binary cross-entropy of a logistic discriminator with label α for real samples and 0 for fake
     * ones: E[α softplus(−D(x)) + (1 − α) softplus(D(x))] + E softplus(D(G(z))). α < 1 is one-sided
     * label smoothing (Salimans et al. 2016); the fake label stays 0, as smoothing it too would
     * reward samples where the data has none.
     */
    static NDArray crossEntropy(NDArray real, NDArray fake, double realLabel) {
        NDArray realTerm = Activation.softPlus(real.neg()).mean();
        if (realLabel != 1.0) {
            realTerm = Scalars.times(realTerm, realLabel)
                    .add(Scalars.times(Activation.softPlus(real).mean(), 1 - realLabel));
        }
        return realTerm.add(Activation.softPlus(fake).mean());
    }
}
