package org.gantry.core.regularise;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;
import org.gantry.random.Rng;

/**
 * What a discriminator penalty sees in one discriminator step, inside its gradient scope.
 *
 * @param critic the discriminator in training mode, x ↦ D(x)
 * @param real the real batch
 * @param fake the generated batch (no graph back to the generator)
 * @param rng the trainer's checkpointed random stream, for interpolation and perturbation
 */
public record PenaltyInputs(UnaryOperator<NDArray> critic, NDArray real, NDArray fake, Rng rng) {}
