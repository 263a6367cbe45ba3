package org.gantry.core.train;

import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.game.Game;
import org.gantry.core.game.Games;
import org.gantry.core.model.CriticInput;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.GeneratorOutput;
import org.gantry.core.model.Network;
import org.gantry.core.model.NetworkAverage;
import org.gantry.core.nn.Architectures;
import org.gantry.core.nn.Normalisation;
import org.gantry.core.regularise.Regularisers;
import org.gantry.data.Dataset;

/**
 * Whether a game, its model, the training dynamics and the data can train together; where they
 * cannot, a configuration error that names the keys and says why. Checked before anything trains.
 */
final class TrainingCombination {
    private TrainingCombination() {}

    static void check(Config config, GanModel model, Game game, Dataset data, TrainingDynamics dynamics) {
        String name = config.get(Dynamics.NAME);
        int dSteps = config.get(TrainSettings.D_STEPS);
        if (dynamics.simultaneous() && dSteps != 1) {
            throw new ConfigException(Dynamics.NAME.key() + "=" + name + " updates both players at once, so "
                    + TrainSettings.D_STEPS.key() + " must be 1 (it is " + dSteps + ")");
        }
        int batch = config.get(TrainSettings.BATCH);
        int pack = config.get(Architectures.D_PACK);
        if (batch % pack != 0) {
            throw new ConfigException(TrainSettings.BATCH.key() + "=" + batch + " does not split into packs of "
                    + Architectures.D_PACK.key() + "=" + pack + ": make it a multiple of " + pack);
        }
        for (Map.Entry<String, Network> e : model.networks().entrySet()) {
            Network n = e.getValue();
            if ((long) n.referenceRows() * n.pack() > batch) {
                throw new ConfigException("network '" + e.getKey() + "' normalises against a reference batch of "
                        + n.referenceRows() + (n.pack() > 1 ? " packs of " + n.pack() : "") + " examples ("
                        + (e.getKey().startsWith("g") ? "g" : "d") + ".reference_batch), more than the first "
                        + TrainSettings.BATCH.key() + "=" + batch + " holds: lower it or raise the batch");
            }
        }
        for (String network : game.criticSide()) {
            if (!model.networks().containsKey(network)) {
                throw new IllegalArgumentException(Games.NAME.key() + "=" + config.get(Games.NAME) + " plays network '"
                        + network + "', which this model lacks: build the model with Games.model");
            }
        }
        if (game.encodes() || game.criticInput() != CriticInput.EXAMPLES) {
            checkAutoEncoder(config, model, game);
        }
        if (model.components() > 1 || model.criticMembers() > 1) {
            checkMembers(config, model);
        }
        // Feature matching and functional gradients replace the generator's objective by one built on d
        // alone: a game with more critics or with heads would silently lose the rest of its objective.
        boolean oneCritic = game.critics().equals(List.of("d")) && game.heads().isEmpty() && model.components() == 1
                && model.criticMembers() == 1;
        boolean plain = oneCritic && model.criticOutputs() == 1;
        String gameName = Games.NAME.key() + "=" + config.get(Games.NAME) + " (critics " + game.critics()
                + (game.heads().isEmpty() ? "" : ", heads " + game.heads())
                + (model.components() == 1 ? "" : ", " + model.components() + " generators side by side")
                + (model.criticMembers() > 1 ? ", " + model.criticMembers() + " critics side by side in d"
                        : model.criticOutputs() == 1 ? "" : ", " + model.criticOutputs() + " class logits") + ")";
        boolean featureMatching = config.get(Dynamics.GENERATOR_OBJECTIVE).equals("feature_matching");
        if (model.generatorOutput() == GeneratorOutput.BERNOULLI_PIXELS) {
            checkDrawnExamples(config, model, data, featureMatching);
        }
        if (dynamics.needsOneCritic() && !plain) {
            throw new ConfigException(Dynamics.NAME.key() + "=" + name + " moves samples along d's gradient and "
                    + "distils the generator onto them, which drops the objectives of " + gameName);
        }
        if (featureMatching && !dynamics.usesGeneratorObjective()) {
            throw new ConfigException(Dynamics.GENERATOR_OBJECTIVE.key() + "=feature_matching does not apply to "
                    + Dynamics.NAME.key() + "=" + name + ", whose generator does not follow the adversarial objective");
        }
        if (featureMatching && !oneCritic) {
            throw new ConfigException(Dynamics.GENERATOR_OBJECTIVE.key() + "=feature_matching replaces the generator's "
                    + "objective by matching d's features, which drops the rest of " + gameName);
        }
        if (game.solvesCritic()) {
            checkSolvedCritic(config, model, featureMatching);
        }
        if (config.get(Dynamics.HISTORICAL_AVERAGING) > 0 && !dynamics.usesOptimizers()) {
            throw new ConfigException(Dynamics.HISTORICAL_AVERAGING.key() + " acts on optimizer steps, and "
                    + Dynamics.NAME.key() + "=" + name + " uses none: set it to 0");
        }
        if (game.labelledExamples() > 0 && data.classCount() != model.criticOutputs()) {
            throw new IllegalArgumentException("the model's discriminator gives " + model.criticOutputs()
                    + " class logits and '" + data.name() + "' has " + data.classCount()
                    + " classes: build the model with Games.model(config, data)");
        }
    }

    /**
     * An auto-encoder trains its encoder with g on one objective and its critic, if any, on codes:
     * only alternating updates of the game's own objectives train it, and no gradient penalty,
     * average or critic step count applies to a critic it lacks or that judges codes or
     * reconstructions (weight clipping, per parameter, does). (The architecture keys
     * d.* are not refused for a game without d: presets share them between the auto-encoders.)
     */
    private static void checkAutoEncoder(Config config, GanModel model, Game game) {
        String name = Games.NAME.key() + "=" + config.get(Games.NAME);
        String dynamics = config.get(Dynamics.NAME);
        if (!dynamics.equals("alternating")) {
            throw new ConfigException(Dynamics.NAME.key() + "=" + dynamics + " is written for a generator of examples "
                    + "against critics of examples, and " + name + " trains an encoder with g: use "
                    + Dynamics.NAME.key() + "=alternating");
        }
        if (config.get(Dynamics.GENERATOR_OBJECTIVE).equals("feature_matching")) {
            throw new ConfigException(Dynamics.GENERATOR_OBJECTIVE.key() + "=feature_matching would replace " + name
                    + "'s reconstruction objective");
        }
        String critic = switch (game.criticInput()) {
            case NONE -> " trains no critic";
            case CODES -> "'s critic judges latent codes";
            case EXAMPLES -> "'s critic judges reconstructions of the real batch, no generated batch";
        };
        String regulariser = config.get(Regularisers.NAME);
        if (game.criticInput() == CriticInput.NONE && !regulariser.equals("none")) {
            throw new ConfigException(Regularisers.NAME.key() + "=" + regulariser + " regularises a critic, and "
                    + name + critic + ": leave " + Regularisers.NAME.key() + " unset");
        }
        if (Regularisers.REGISTRY.create(regulariser, config).penalisesGradients()) {
            // Clipping constrains each parameter and applies; a penalty's points are real and generated examples.
            throw new ConfigException(Regularisers.NAME.key() + "=" + regulariser + " penalises a critic's gradient "
                    + "at real and generated examples, and " + name + critic + ": use clip or spectral norm "
                    + "(d.norm=spectral), or leave " + Regularisers.NAME.key() + " unset");
        }
        double criticDecay = config.get(NetworkAverage.CRITIC_DECAY);
        if (criticDecay > 0) {
            // The average of a critic is read by samplers and classifiers of generated examples, neither of which applies.
            throw new ConfigException(name + critic + ", which nothing reads after training, so "
                    + NetworkAverage.CRITIC_DECAY.key() + "=" + criticDecay + " would do nothing: leave it unset");
        }
        int dSteps = config.get(TrainSettings.D_STEPS);
        if (game.criticInput() == CriticInput.NONE && dSteps != 1) {
            throw new ConfigException(name + " trains no critic, so " + TrainSettings.D_STEPS.key() + "=" + dSteps
                    + " would do nothing: leave it unset");
        }
        if (game.comparesFeatures() && !model.hasComparator()) {
            throw new IllegalStateException(name + " compares reconstructions in a feature network's features: give "
                    + "the model one with GanModel.compareWith before training (a TrainingRun does)");
        }
    }

    /**
     * Generators side by side (a mixture's members, a Bayesian GAN's samples) each need two
     * generated rows a step for batch statistics; networks side by side would each need a gradient
     * penalty of their own, on their own examples, which no penalty takes (clipping, per parameter, applies).
     */
    private static void checkMembers(Config config, GanModel model) {
        String game = Games.NAME.key() + "=" + config.get(Games.NAME);
        int batch = config.get(TrainSettings.BATCH);
        if (batch < 2 * model.components()) {
            throw new ConfigException(TrainSettings.BATCH.key() + "=" + batch + " gives some of " + game + "'s "
                    + model.components() + " generators fewer than 2 generated rows a step, too few for batch "
                    + "statistics: raise it to " + 2 * model.components() + " or more");
        }
        String regulariser = config.get(Regularisers.NAME);
        if (Regularisers.REGISTRY.create(regulariser, config).penalisesGradients()) {
            throw new ConfigException(Regularisers.NAME.key() + "=" + regulariser + " penalises a critic's gradient "
                    + "on the whole batch, and " + game + " has networks side by side, each of which would need its "
                    + "own penalty on its own examples: use clip or spectral norm (d.norm=spectral), or leave "
                    + Regularisers.NAME.key() + " unset");
        }
    }

    /** 2^27 floats: half a gigabyte of per-example gradients, beyond which a round would take minutes. */
    private static final long MAX_EXAMPLE_GRADIENT_VALUES = 1L << 27;

    /**
     * A critic solved each round (the dualing GAN) is linearised one example at a time, takes no
     * step that a penalty or an average of past steps could shape, and is met by alternating
     * updates on the game's own generator objective.
     */
    private static void checkSolvedCritic(Config config, GanModel model, boolean featureMatching) {
        String game = Games.NAME.key() + "=" + config.get(Games.NAME);
        String coupling = model.discriminator().couplingLayer();
        if (coupling != null) {
            throw new ConfigException(game + " linearises d on each example alone, and d ("
                    + Architectures.D_ARCH.key() + "=" + config.get(Architectures.D_ARCH) + ", "
                    + Normalisation.D_NORM.key() + "=" + config.get(Normalisation.D_NORM) + ") has a " + coupling
                    + ", which couples the examples of a batch or adds noise: use " + Normalisation.D_NORM.key()
                    + "=none, layer, spectral or weight, " + Architectures.D_MINIBATCH_KERNELS.key()
                    + "=0 and no d.input_noise or d.hidden_noise");
        }
        long values = 2L * config.get(TrainSettings.BATCH) * model.discriminator().trainableSize();
        if (!config.get(Architectures.D_ARCH).equals("linear") && values > MAX_EXAMPLE_GRADIENT_VALUES) {
            throw new ConfigException(game + " keeps one gradient of d per real and generated example, 2 x "
                    + TrainSettings.BATCH.key() + "=" + config.get(TrainSettings.BATCH) + " gradients of "
                    + model.discriminator().trainableSize() + " values for " + Architectures.D_ARCH.key() + "="
                    + config.get(Architectures.D_ARCH) + ", more than " + MAX_EXAMPLE_GRADIENT_VALUES
                    + " in all: use a smaller d (d.widths) or a smaller batch");
        }
        String dynamics = config.get(Dynamics.NAME);
        if (!dynamics.equals("alternating")) {
            throw new ConfigException(Dynamics.NAME.key() + "=" + dynamics + " moves the critic by gradients, and "
                    + game + " solves it exactly each round: use " + Dynamics.NAME.key() + "=alternating");
        }
        String regulariser = config.get(Regularisers.NAME);
        if (!regulariser.equals("none")) {
            throw new ConfigException(Regularisers.NAME.key() + "=" + regulariser + " shapes the critic's gradient "
                    + "steps, and " + game + " takes none (its critic's regulariser is game.dual_regulariser): "
                    + "leave " + Regularisers.NAME.key() + " unset");
        }
        if (featureMatching) {
            throw new ConfigException(Dynamics.GENERATOR_OBJECTIVE.key() + "=feature_matching would replace "
                    + game + "'s generator objective, the solved critic's value");
        }
        double averaging = config.get(Dynamics.HISTORICAL_AVERAGING);
        if (averaging > 0) {
            // Without this refusal the generator alone would be averaged, silently.
            throw new ConfigException(Dynamics.HISTORICAL_AVERAGING.key() + "=" + averaging + " pulls each "
                    + "player's optimizer steps toward its past parameters, and " + game + " solves its critic "
                    + "without any: set it to 0");
        }
    }

    /**
     * A generator of Bernoulli pixels learns by a policy-gradient estimate through its output's
     * probabilities, and what the critics judge is drawn from them: only alternating updates on the
     * game's own objective train it, the output must be a probability, and real data black and white.
     */
    private static void checkDrawnExamples(Config config, GanModel model, Dataset data, boolean featureMatching) {
        String game = Games.NAME.key() + "=" + config.get(Games.NAME);
        String dynamics = config.get(Dynamics.NAME);
        if (featureMatching) {
            throw new ConfigException(Dynamics.GENERATOR_OBJECTIVE.key() + "=feature_matching trains the generator "
                    + "through its examples, and " + game + " draws them from the generator's output, which no "
                    + "gradient passes");
        }
        if (!dynamics.equals("alternating")) {
            throw new ConfigException(Dynamics.NAME.key() + "=" + dynamics + " differentiates through the generated "
                    + "examples or the generator's objective again, and " + game + " draws its examples and follows "
                    + "a policy-gradient estimate: use " + Dynamics.NAME.key() + "=alternating");
        }
        if (!model.generatorTanh()) {
            throw new ConfigException(game + " reads the generator's tanh output as pixel probabilities, and "
                    + Architectures.G_ARCH.key() + "=" + config.get(Architectures.G_ARCH) + " ends without tanh: "
                    + "use dcgan, sndcgan or resnet, or mlp with g.output=tanh");
        }
        requireBlackAndWhite(data, config);
    }

    /** The first examples' values are all −1 or +1, as drawn Bernoulli pixels are: real ones must be too. */
    private static void requireBlackAndWhite(Dataset data, Config config) {
        int n = Math.min(data.size(), 256);
        float[] values = new float[n * data.exampleLength()];
        data.fillRange(0, n, values);
        for (float v : values) {
            if (v != 1f && v != -1f) {
                throw new ConfigException(Games.NAME.key() + "=" + config.get(Games.NAME) + " draws black or white "
                        + "pixels (-1 or +1), and '" + data.name() + "' holds other values such as " + v
                        + ": set data.binarise=true for images");
            }
        }
    }
}
