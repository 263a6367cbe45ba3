package org.gantry.core.sample;

import org.gantry.core.model.GanModel;
import org.gantry.random.Rng;

/**
 * How samples are drawn from a trained model. Plain sampling passes latent noise through the
 * generator; rejection and Markov-chain samplers (DRS, MH-GAN) also consult the discriminator.
 */
public interface Sampler {

    /** {@code count} samples, row-major, drawing all randomness from {@code rng}. */
    float[] sample(GanModel model, int count, Rng rng);
}
