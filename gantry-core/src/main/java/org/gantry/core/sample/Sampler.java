package org.gantry.core.sample;

import org.gantry.random.Rng;

/**
 * How samples are drawn from a trained model. Plain sampling passes latent noise through the
 * generator; rejection and Markov-chain samplers (DRS, MH-GAN, REP-GAN) also consult the critic.
 */
public interface Sampler {

    /** {@code count} samples with what they cost, drawing all randomness from {@code rng}. */
    Sampled sample(SamplingTarget target, int count, Rng rng);
}
