package org.gantry.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.gantry.core.engine.Scalars;

/**
 * The logistic discriminator that minimax, non-saturating and boundary-seeking GANs share: binary
 * cross-entropy with label α for real samples and 0 for generated ones. The losses differ in their
 * generator's objective alone.
 */
abstract class LogisticDiscriminatorLoss implements AdversarialLoss {
    private final double realLabel;

    /** @param realLabel the discriminator's target for real samples (1, or less for one-sided label smoothing) */
    LogisticDiscriminatorLoss(double realLabel) {
        this.realLabel = realLabel;
    }

    /**
     * E[α softplus(−D(x)) + (1 − α) softplus(D(x))]. α < 1 is one-sided label smoothing (Salimans
     * et al. 2016); the fake label stays 0, as smoothing it too would reward samples where the data
     * has none.
     */
    @Override
    public final NDArray realTerm(NDArray real) {
        NDArray term = Activation.softPlus(real.neg()).mean();
        if (realLabel != 1.0) {
            term = Scalars.times(term, realLabel).add(Scalars.times(Activation.softPlus(real).mean(), 1 - realLabel));
        }
        return term;
    }

    /** E softplus(D(G(z))): label 0. */
    @Override
    public final NDArray fakeTerm(NDArray fake) {
        return Activation.softPlus(fake).mean();
    }
}
