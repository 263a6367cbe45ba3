package org.gantry.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gantry.core.game.Game;
import org.gantry.core.game.Objective;
import org.gantry.core.game.Play;
import org.gantry.core.model.CriticInput;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.Network;
import org.gantry.core.regularise.PenaltyInputs;
import org.gantry.core.regularise.Regulariser;

/**
 * The two sides of a game and everything that defines their objectives, as a training dynamics
 * sees them: the generator side (g, and an auto-encoder's encoder), and the critic side, which trains on the game's critic objective: the
 * critics, which judge examples and take the regulariser, and the game's heads (InfoGAN's Q).
 *
 * @param featureMatching whether the generator's objective is feature matching instead of the
 *     game's own (only for games whose critic side is d alone)
 * @param dSteps critic steps per generator step, for dynamics that alternate
 */
record Players(GanModel model, Game game, List<Network> critics, List<Network> criticSide,
        List<Network> generatorSide, Regulariser regulariser, boolean featureMatching, int dSteps) {

    Players(GanModel model, Game game, Regulariser regulariser, boolean featureMatching, int dSteps) {
        this(model, game, game.critics().stream().map(model::network).toList(),
                game.criticSide().stream().map(model::network).toList(),
                game.generatorSide().stream().map(model::network).toList(), regulariser, featureMatching, dSteps);
    }

    /** Each generator-side network's optimizer step: g's, and an encoder's. */
    void updateGenerators() {
        for (Network n : generatorSide) {
            n.update();
        }
    }

    Network generator() {
        return model.generator();
    }

    /** The discriminator d, the only critic where feature matching or functional gradients apply. */
    Network discriminator() {
        return model.discriminator();
    }

    /** A play on {@code fake}, made from {@code latent}, drawing its real batch from {@code real} only if an objective needs one. */
    Play play(NDArray latent, NDArray fake, Supplier<NDArray> real, StepInputs in) {
        Play play = new Play(model, real, latent, fake, fake == null ? null : model.generatorOutput().draw(fake,
                in.noise()), in.noise()).atStep(in.step());
        return game.labelledExamples() > 0 ? play.withLabelled(() -> in.labelled(latent.getManager())) : play;
    }

    /** The generator's objective on the play's generated batch: the game's, or feature matching. */
    Objective generatorObjective(Play play) {
        if (featureMatching) {
            return Objective.of(FeatureMatching.loss(discriminator(), play.real(), play.fake()));
        }
        return game.generatorObjective(play);
    }

    /**
     * The critics' objective with their regulariser's penalty included, and its terms: the game's
     * (d_loss_real, d_loss_fake, ...) and, when the regulariser adds one, d_penalty summed over critics.
     */
    Objective criticObjective(Play play) {
        Objective played = game.criticObjective(play);
        if (game.criticInput() != CriticInput.EXAMPLES || !game.playsGeneratedBatch()) {
            // Penalties judge real and generated examples; a critic of codes, or of reconstructions
            // with no generated batch, takes none (TrainingCombination refuses one).
            return played;
        }
        // The penalty never reaches the generator: its points are built from a detached fake batch.
        NDArray penalty = null;
        for (Network critic : critics) {
            NDArray p = regulariser.discriminatorPenalty(new PenaltyInputs(x -> game.logit(critic.forward(x, true)),
                    play.real(), play.fake().stopGradient(), play.noise()));
            if (p != null) {
                penalty = penalty == null ? p : penalty.add(p);
            }
        }
        if (penalty == null) {
            return played;
        }
        Map<String, NDArray> terms = new LinkedHashMap<>(played.terms());
        terms.put("d_penalty", penalty);
        return new Objective(played.total().add(penalty), terms);
    }

    /** The critic side's trained parameter arrays, network after network. */
    List<NDArray> criticArrays() {
        List<NDArray> all = new ArrayList<>();
        for (Network critic : criticSide) {
            all.addAll(critic.trainableArrays());
        }
        return all;
    }

    /** Each critic-side network's optimizer step, then each critic's regulariser constraint. */
    void updateCritics() {
        for (Network n : criticSide) {
            n.update();
        }
        constrainCritics();
    }

    /** Applies the regulariser's constraint to every critic, for dynamics that move parameters without optimizers. */
    void constrainCritics() {
        for (Network critic : critics) {
            regulariser.afterDiscriminatorUpdate(critic.parameters());
        }
    }

    void setCriticTracking(boolean on) {
        for (Network critic : criticSide) {
            critic.setTracking(on);
        }
    }

    void clearCriticGradients() {
        for (Network critic : criticSide) {
            critic.clearGradients();
        }
    }

    NDManager manager() {
        return model.manager();
    }
}
