package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.core.model.CriticInput;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.GeneratorOutput;
import org.gantry.core.model.NetworkSpec;

/**
 * A formulation of adversarial training: which networks play, and what each side minimises. The
 * generator side is the generator {@code g} (with an auto-encoder's encoder); the critic side is
 * every network in {@link #critics()}, trained together on {@link #criticObjective}. Training
 * dynamics, regularisers and EMA act on the two sides without knowing the game, so a new
 * formulation is one class and one registry line.
 */
public interface Game {

    /** Networks this game adds beside g and d, built from the configuration for examples of this shape. */
    default List<NetworkSpec> extraNetworks(Config config, int[] exampleShape) {
        return List.of();
    }

    /**
     * The networks the critic side trains, {@code d} first. Each takes examples and returns one
     * value per example (per pack), so that gradient penalties and weight clipping apply to each.
     */
    default List<String> critics() {
        return List.of("d");
    }

    /**
     * Networks trained with the critics on {@link #criticObjective} that are not critics themselves
     * (InfoGAN's Q head): no penalty or weight constraint applies to them.
     */
    default List<String> heads() {
        return List.of();
    }

    /**
     * Every network the generator side trains on {@link #generatorObjective}: g, and an
     * auto-encoder's encoder after it.
     */
    default List<String> generatorSide() {
        return List.of("g");
    }

    /** What the discriminator d judges: examples, an encoder's codes, or nothing when the game trains no critic. */
    default CriticInput criticInput() {
        return CriticInput.EXAMPLES;
    }

    /**
     * Whether the objectives read the batch g makes from the latent batch ({@link Play#fake}); an
     * auto-encoder's read only decoded codes of real examples, and skipping the batch saves a pass.
     */
    default boolean playsGeneratedBatch() {
        return true;
    }

    /**
     * Whether the game trains an encoder of examples into latent codes, which {@link #encode} runs.
     * Such a game's runs report the reconstruction error of held-out examples.
     */
    default boolean encodes() {
        return false;
    }

    /**
     * The code of each example, {@code [batch, latent size]}, as the decoder g reads it: a
     * deterministic encoder's output, a stochastic one's mean. Only for games that {@link #encodes}.
     */
    default NDArray encode(GanModel model, NDArray examples, boolean training) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " trains no encoder");
    }

    /**
     * Whether the objectives compare examples in a feature network's space ({@link GanModel#comparator}),
     * which the run then hands the model: feature-space reconstruction.
     */
    default boolean comparesFeatures() {
        return false;
    }

    /**
     * Whether d judges reconstructions of real examples rather than generated ones (an
     * auto-encoder's image-space adversarial term): its logit is then no density ratio of the
     * generator's samples, and samplers may not read it.
     */
    default boolean judgesReconstructions() {
        return false;
    }

    /** Every network the critic side trains: the critics, then the heads. */
    default List<String> criticSide() {
        List<String> all = new ArrayList<>(critics());
        all.addAll(heads());
        return all;
    }

    /** Whether the game's objectives are built on loss.name; a game with its own refuses another loss. */
    default boolean usesLoss() {
        return true;
    }

    /** The classes of each categorical latent code the generator reads after its noise (InfoGAN). */
    default List<Integer> categoricalCodes() {
        return List.of();
    }

    /**
     * 1, or how many independent generators g holds side by side (a mixture's members, a Bayesian
     * GAN's parameter samples); the first categorical code, of as many values, picks each row's.
     */
    default int components() {
        return 1;
    }

    /** 1, or how many independent critics d holds side by side, one logit each ({@link #criticOutputs} then equal). */
    default int criticMembers() {
        return 1;
    }

    /**
     * Whether d's members assign each real example to a member of the generator mixture, a
     * clustering that evaluations score against labels (the competitive mixture).
     */
    default boolean assignsExamples() {
        return false;
    }

    /** How many continuous latent codes, uniform on [−1, 1], the generator reads after the categorical ones. */
    default int continuousCodes() {
        return 0;
    }

    /**
     * Values each critic gives per example (per pack): 1 for a logit, or a classifier's logits, one
     * per class, when the game learns the data's {@code classes} labels (semi-supervised GAN).
     *
     * @param classes the training data's classes, 0 for unlabelled data
     */
    default int criticOutputs(int classes) {
        return 1;
    }

    /**
     * A critic's logit per example, {@code [batch, 1]}, from its outputs: what the losses, gradient
     * penalties and samplers read. The outputs themselves for a one-logit critic.
     */
    default NDArray logit(NDArray criticOutputs) {
        return criticOutputs;
    }

    /** What the generator's output is: examples, or the parameters of a distribution they are drawn from. */
    default GeneratorOutput generatorOutput() {
        return GeneratorOutput.EXAMPLES;
    }

    /** Training examples whose labels the game reads, balanced over the classes; 0 for none. */
    default int labelledExamples() {
        return 0;
    }

    /**
     * Whether the critic is solved exactly each round ({@link #solveCritic}) rather than descended
     * on {@link #criticObjective}: the dualing GAN's linear critic.
     */
    default boolean solvesCritic() {
        return false;
    }

    /**
     * Sets the critic to the exact optimum of its problem on the play's batches; returns the values
     * to report (d_loss and its terms). Only for games that {@link #solvesCritic}.
     */
    default Map<String, Double> solveCritic(Play play) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " descends its critic");
    }

    /** What the critic side minimises on one play, penalties aside, with its named terms (d_loss_real, ...). */
    Objective criticObjective(Play play);

    /** What the generator minimises on one play, with its named terms beyond the total. */
    Objective generatorObjective(Play play);
}
