package org.gantry.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.game.Objective;
import org.gantry.core.game.Play;

/**
 * Both players' gradients of their own losses on one fresh pair of batches, the joint vector field
 * {@code v = (∇_θ L_G, ∇_ψ L_D)} of consensus optimisation and ODE-GAN. Must be built inside a
 * gradient collector; every array belongs to {@code m}.
 *
 * @param generator ∇_θ L_G, one array per trained generator parameter
 * @param discriminator ∇_ψ L_D (the regulariser's penalty included), one array per trained parameter of
 *     the critics, critic after critic
 * @param values d_loss and g_loss with their terms
 */
record JointGradients(NDList generator, NDList discriminator, Map<String, Double> values) {

    /**
     * @param differentiable whether the gradients keep their graph, for a penalty built on them
     */
    static JointGradients compute(Players p, StepInputs in, NDManager m, boolean differentiable) {
        NDArray real = in.real(m);
        NDArray latent = in.latent(m);
        NDArray fake = p.generator().forward(latent, true);
        Play play = p.play(latent, fake, () -> real, in);
        // The critics see the generated batch before the real one, as they always have here: a
        // spectrally normalised critic's power iteration advances with each forward, so the order counts.
        // A game with heads reads d's features too: one pass gives both.
        boolean heads = !p.game().heads().isEmpty();
        for (String critic : p.game().critics()) {
            if (heads) {
                play.featuresOnFake(critic);
            } else {
                play.onFake(critic);
            }
        }
        Objective lD = p.criticObjective(play);
        Objective lG = p.generatorObjective(play);
        NDList gG = TorchEngine.gradients(lG.total(), p.generator().trainableArrays(), differentiable);
        NDList gD = TorchEngine.gradients(lD.total(), p.criticArrays(), differentiable);
        Map<String, Double> values = lD.report("d_loss");
        values.putAll(lG.report("g_loss"));
        return new JointGradients(gG, gD, values);
    }
}
