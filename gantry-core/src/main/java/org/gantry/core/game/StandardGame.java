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
        NDArray[] d = play.onRealAndFake("d");
        return Objective.ofRealAndFake(loss.realTerm(d[0]), loss.fakeTerm(d[1]));
    }

    @Override
    public Objective generatorObjective(Play play) {
        return Objective.of(loss.generatorLoss(play.onFake("d")));
    }
}
