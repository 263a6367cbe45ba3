package org.gantry.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.gantry.core.game.LabelledBatch;
import org.gantry.random.Rng;

/** Where a training step draws its batches from: the trainer's seeded, checkpointed streams. */
interface StepInputs {

    /** The next real batch, owned by {@code m}. */
    NDArray real(NDManager m);

    /** A fresh latent batch, owned by {@code m}. */
    NDArray latent(NDManager m);

    /** A batch of the labelled examples, for games that read labels; owned by {@code m}. */
    default LabelledBatch labelled(NDManager m) {
        throw new IllegalStateException("this trainer draws no labelled examples");
    }

    /** How many steps were trained before this one. */
    default long step() {
        return 0;
    }

    /** The stream for the step's own randomness (penalty interpolation and perturbation). */
    Rng noise();
}
