package org.gantry.core.model;

/**
 * What the discriminator {@code d} of a model judges: examples, as in every GAN; the latent codes
 * an encoder gives (WAE-GAN's latent discriminator); or nothing, for games that train no critic
 * (VAE, WAE-MMD), whose model then has no {@code d} at all.
 */
public enum CriticInput {
    EXAMPLES,
    CODES,
    NONE
}
