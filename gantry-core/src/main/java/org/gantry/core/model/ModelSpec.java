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
 *     categorical code), and d that many critics, one logit each
 */
public record ModelSpec(List<NetworkSpec> extraNetworks, List<Integer> categoricalCodes, int continuousCodes,
        int criticOutputs, GeneratorOutput generatorOutput, CriticInput criticInput, int components) {

    public ModelSpec {
        if (components < 1) {
            throw new IllegalArgumentException("a model of " + components + " components");
        }
        if (components > 1 && (categoricalCodes.isEmpty() || categoricalCodes.get(0) != components
                || criticOutputs != components)) {
            throw new IllegalArgumentException("a mixture of " + components + " generators reads a first categorical "
                    + "code of as many values and has as many critic outputs");
        }
    }

    /** A model of one generator. */
    public ModelSpec(List<NetworkSpec> extraNetworks, List<Integer> categoricalCodes, int continuousCodes,
            int criticOutputs, GeneratorOutput generatorOutput, CriticInput criticInput) {
        this(extraNetworks, categoricalCodes, continuousCodes, criticOutputs, generatorOutput, criticInput, 1);
    }

    /** One generator of examples against one discriminator with one logit. */
    public static final ModelSpec STANDARD = new ModelSpec(List.of(), List.of(), 0, 1, GeneratorOutput.EXAMPLES,
            CriticInput.EXAMPLES);
}
