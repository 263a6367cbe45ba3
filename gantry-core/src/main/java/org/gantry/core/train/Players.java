package org.gantry.core.train;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.gantry.core.loss.AdversarialLoss;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.Network;
import org.gantry.core.regularise.PenaltyInputs;
import org.gantry.core.regularise.Regulariser;

/**
 * The two networks and everything that defines their objectives, as a training dynamics sees
 * them.
 *
 * @param featureMatching whether the generator's objective is feature matching instead of the
 *     loss's own generator loss
 * @param dSteps discriminator steps per generator step, for dynamics that alternate
 */
record Players(GanModel model, AdversarialLoss loss, Regulariser regulariser, boolean featureMatching, int dSteps) {

    Network generator() {
        return model.generator();
    }

    Network discriminator() {
        return model.discriminator();
    }

    /**
     * The generator's loss on {@code fake}. {@code dFake} is D's output on it when the caller already
     * has one (or null); feature matching asks {@code real} for a batch of real data.
     */
    NDArray generatorLoss(NDArray fake, NDArray dFake, Supplier<NDArray> real) {
        if (featureMatching) {
            return FeatureMatching.loss(discriminator(), real.get(), fake);
        }
        return loss.generatorLoss(dFake != null ? dFake : discriminator().forward(fake, true));
    }

    /**
     * The discriminator's loss on a real and a generated batch, its regulariser's penalty included,
     * with its terms: d_loss_real, d_loss_fake and, when the regulariser adds one, d_penalty.
     */
    Objective discriminatorLoss(NDArray dReal, NDArray dFake, NDArray real, NDArray fake, StepInputs in) {
        Map<String, NDArray> terms = new LinkedHashMap<>();
        NDArray realTerm = loss.realTerm(dReal);
        NDArray fakeTerm = loss.fakeTerm(dFake);
        terms.put("d_loss_real", realTerm);
        terms.put("d_loss_fake", fakeTerm);
        NDArray l = realTerm.add(fakeTerm);
        // The penalty never reaches the generator: its points are built from a detached fake batch.
        NDArray penalty = regulariser.discriminatorPenalty(new PenaltyInputs(
                x -> discriminator().forward(x, true), real, fake.stopGradient(), in.noise()));
        if (penalty == null) {
            return new Objective(l, terms);
        }
        terms.put("d_penalty", penalty);
        return new Objective(l.add(penalty), terms);
    }
}
