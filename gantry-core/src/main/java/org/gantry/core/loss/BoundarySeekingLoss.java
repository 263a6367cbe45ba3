package org.gantry.core.loss;

import ai.djl.ndarray.NDArray;
import org.gantry.core.engine.Scalars;

/**
 * Boundary-seeking GAN, continuous form (Hjelm et al. 2018): the discriminator is the usual
 * logistic one; the generator minimises ½ E (log D(G(z)) − log(1 − D(G(z))))² = ½ E v², with v the
 * logit. At the optimal discriminator D/(1 − D) = p/q, so v = 0 exactly where the generated density
 * meets the data's: the generator pushes its samples to the decision boundary rather than past it.
 */
public final class BoundarySeekingLoss extends LogisticDiscriminatorLoss {

    /** @param realLabel the discriminator's target for real samples (1, or less for one-sided label smoothing) */
    public BoundarySeekingLoss(double realLabel) {
        super(realLabel);
    }

    @Override
    public NDArray generatorLoss(NDArray fake) {
        return Scalars.times(fake.square().mean(), 0.5);
    }
}
