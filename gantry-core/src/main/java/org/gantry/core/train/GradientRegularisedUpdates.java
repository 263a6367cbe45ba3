package org.gantry.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.gantry.core.engine.Scalars;
import org.gantry.core.engine.TorchEngine;

/**
 * Gradient-regularised GAN (Nagarajan & Kolter 2017, "Gradient descent GAN optimization is locally
 * stable"): the discriminator steps as usual; the generator descends {@code L_G + η‖∇_ψ V‖²}, the
 * squared norm of the critics' parameter gradient of the value function (here the game's critic
 * objective on a fresh real batch and the generator's batch, penalties aside), differentiated
 * through to the generator.
 */
final class GradientRegularisedUpdates extends AlternatingUpdates {
    private final double eta;

    GradientRegularisedUpdates(double eta) {
        this.eta = eta;
    }

    @Override
    protected boolean discriminatorGradientsNeeded() {
        return true;
    }

    @Override
    protected NDArray generatorPenalty(Players p, StepInputs in, NDManager m, NDArray latent, NDArray fake) {
        NDArray value = p.game().criticObjective(p.play(latent, fake, () -> in.real(m), in)).total();
        NDList g = TorchEngine.gradients(value, p.criticArrays(), true);
        return Scalars.times(SquaredNorm.of(g), eta);
    }
}
