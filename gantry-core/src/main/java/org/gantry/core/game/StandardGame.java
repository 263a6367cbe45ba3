package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import org.gantry.core.loss.AdversarialLoss;

/** One generator against one discriminator on an adversarial loss (loss.name): the GAN of Goodfellow et al. */
final class StandardGame implements Game {
    private final AdversarialLoss loss;

    StandardGame(AdversarialLoss loss) {
        this.loss = loss;
    }

    @Override
    public Objective criticObjective(Play play) {
        NDArray realTerm = loss.realTerm(play.onReal("d"));
        return Objective.ofRealAndFake(realTerm, loss.fakeTerm(play.onFake("d")));
    }

    @Override
    public Objective generatorObjective(Play play) {
        return Objective.of(loss.generatorLoss(play.onFake("d")));
    }
}
