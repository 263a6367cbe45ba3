package org.gantry.core.model;

import java.util.List;

/**
 * What a game asks of its model beyond the configured generator and discriminator.
 *
 * @param extraNetworks the networks the game adds; each is initialised from its own seeded stream
 * @param categoricalCodes the classes of each categorical latent code the game adds to the noise
 * @param continuousCodes how many continuous latent codes the game adds
 * @param criticOutputs values the discriminator gives per example: 1, or K class logits
 * @param generatorOutput what the generator's output is
 * @param criticInput what the discriminator judges, or that there is none
 * @param components 1, or the members of a mixture of generators: then g is that many generators,
 *     each reading the noise, chosen per row by a one-hot component after it (the first
 *     categorical code)
 * @param criticMembers 1, or how many independent critics d holds side by side, one logit each
 *     (then {@code criticOutputs} equals it): a mixture's critics per member, a Bayesian GAN's
 *     samples of the discriminator
 */
public record ModelSpec(List<NetworkSpec> extraNetworks, List<Integer> categoricalCodes, int continuousCodes,
        int criticOutputs, GeneratorOutput generatorOutput, CriticInput criticInput, int components,
        int criticMembers) {

    public ModelSpec {
        if (components < 1 || criticMembers < 1) {
            throw new IllegalArgumentException("a model of " + components + " generators and " + criticMembers
                    + " critics");
        }
        if (components > 1 && (categoricalCodes.isEmpty() || categoricalCodes.get(0) != components)) {
            throw new IllegalArgumentException("a mixture of " + components + " generators reads a first categorical "
                    + "code of as many values");
        }
        if (criticMembers > 1 && criticOutputs != criticMembers) {
            throw new IllegalArgumentException(criticMembers + " critics side by side give as many outputs, not "
                    + criticOutputs);
        }
    }

    /** A model of one generator. */
    public ModelSpec(List<NetworkSpec> extraNetworks, List<Integer> categoricalCodes, int continuousCodes,
            int criticOutputs, GeneratorOutput generatorOutput, CriticInput criticInput) {
        this(extraNetworks, categoricalCodes, continuousCodes, criticOutputs, generatorOutput, criticInput, 1, 1);
    }

    /** One generator of examples against one discriminator with one logit. */
    public static final ModelSpec STANDARD = new ModelSpec(List.of(), List.of(), 0, 1, GeneratorOutput.EXAMPLES,
            CriticInput.EXAMPLES);
}
