package org.gantry.core.regularise;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * A stabiliser of the discriminator that the training loop applies without knowing what it is.
 * Constraints act after each discriminator update; penalties add a term to the discriminator's
 * loss inside its gradient scope.
 */
public interface Regulariser {

    /** Called after every discriminator update with the discriminator's parameters. */
    default void afterDiscriminatorUpdate(List<Parameter> discriminatorParameters) {}

    /**
     * Whether it penalises the critic's gradient at a batch's examples (a gradient penalty), rather
     * than constraining each parameter on its own (weight clipping) or doing nothing.
     */
    default boolean penalisesGradients() {
        return false;
    }

    /** A scalar added to the discriminator's loss in every discriminator step, or null for none. */
    default NDArray discriminatorPenalty(PenaltyInputs inputs) {
        return null;
    }
}
