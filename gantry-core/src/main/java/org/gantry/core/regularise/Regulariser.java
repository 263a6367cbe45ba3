package org.gantry.core.regularise;

import ai.djl.nn.Parameter;
import java.util.List;

/**
 * A stabiliser of the discriminator that the training loop applies without knowing what it is.
 * Constraints act after each discriminator update; penalty terms (gradient penalties) will add a
 * hook for the discriminator loss.
 */
public interface Regulariser {

    /** Called after every discriminator update with the discriminator's parameters. */
    default void afterDiscriminatorUpdate(List<Parameter> discriminatorParameters) {}
}
