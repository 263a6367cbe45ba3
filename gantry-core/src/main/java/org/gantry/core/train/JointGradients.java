package org.gantry.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.model.Network;

/**
 * Both players' gradients of their own losses on one fresh pair of batches, the joint vector field
 * {@code v = (∇_θ L_G, ∇_ψ L_D)} of consensus optimisation and ODE-GAN. Must be built inside a
 * gradient collector; every array belongs to {@code m}.
 *
 * @param generator ∇_θ L_G, one array per trained generator parameter
 * @param discriminator ∇_ψ L_D (its regulariser's penalty included), one per discriminator parameter
 * @param values d_loss with its terms, and g_loss
 */
record JointGradients(NDList generator, NDList discriminator, Map<String, Double> values) {

    /**
     * @param differentiable whether the gradients keep their graph, for a penalty built on them
     */
    static JointGradients compute(Players p, StepInputs in, NDManager m, boolean differentiable) {
        Network d = p.discriminator();
        NDArray real = in.real(m);
        NDArray fake = p.generator().forward(in.latent(m), true);
        NDArray dFake = d.forward(fake, true);
        Objective lD = p.discriminatorLoss(d.forward(real, true), dFake, real, fake, in);
        NDArray lG = p.generatorLoss(fake, dFake, () -> real);
        NDList gG = TorchEngine.gradients(lG, p.generator().trainableArrays(), differentiable);
        NDList gD = TorchEngine.gradients(lD.total(), d.trainableArrays(), differentiable);
        Map<String, Double> values = lD.report("d_loss");
        values.put("g_loss", (double) lG.getFloat());
        return new JointGradients(gG, gD, values);
    }
}
