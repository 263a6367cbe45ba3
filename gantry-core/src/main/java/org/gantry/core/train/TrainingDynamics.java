package org.gantry.core.train;

import java.util.Map;

/**
 * How one training step moves the two players: alternating gradient steps, a regularised or
 * joint update, an ODE integrator. The trainer owns the data and the random streams; a dynamics
 * owns only the update rule, so it holds no state a checkpoint would need.
 */
interface TrainingDynamics {

    /**
     * Runs one generator step (with its discriminator steps, when they alternate).
     *
     * @param step the number of steps done before this one
     * @return the step's named values: the last discriminator step's loss (d_loss) and its terms,
     *     the generator's loss (g_loss), and whatever else the dynamics reports
     */
    Map<String, Double> step(Players players, StepInputs in, long step);

    /** Whether the dynamics updates both players at once, so that train.d_steps cannot apply. */
    default boolean simultaneous() {
        return false;
    }

    /** Whether the generator follows {@link Players#generatorLoss}, so that feature matching can apply. */
    default boolean usesGeneratorObjective() {
        return true;
    }

    /** Whether the dynamics reads the discriminator d alone, so that it cannot serve a game of several critics. */
    default boolean needsOneCritic() {
        return false;
    }

    /** Whether the players move through their optimizers, so that historical averaging can apply. */
    default boolean usesOptimizers() {
        return true;
    }
}
