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
 */
public record ModelSpec(List<NetworkSpec> extraNetworks, List<Integer> categoricalCodes, int continuousCodes,
        int criticOutputs, GeneratorOutput generatorOutput, CriticInput criticInput) {

    /** One generator of examples against one discriminator with one logit. */
    public static final ModelSpec STANDARD = new ModelSpec(List.of(), List.of(), 0, 1, GeneratorOutput.EXAMPLES,
            CriticInput.EXAMPLES);
}
