package org.gantry.core.sample;

import org.gantry.random.Rng;

/**
 * How samples are drawn from a trained model. Plain sampling passes latent noise through the
 * generator; rejection and Markov-chain samplers (DRS, MH-GAN, REP-GAN) also consult the critic.
 */
public interface Sampler {

    /**
     * Fails with a configuration error when this sampler cannot draw from {@code target} (a critic
     * without per-example logits, a latent space it cannot move in): called before training's first
     * step and when a run is opened, so that a wrong choice costs nothing.
     */
    default void check(SamplingTarget target) {}

    /**
     * {@code count} samples with what they cost, drawing all randomness from {@code rng}. Not to be
     * called inside a training step: critic samplers open their own gradient collector.
     */
    Sampled sample(SamplingTarget target, int count, Rng rng);
}
