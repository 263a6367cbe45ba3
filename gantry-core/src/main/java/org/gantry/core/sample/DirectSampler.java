package org.gantry.core.sample;

import org.gantry.random.Rng;

/**
 * x = G(z) with z from the latent distribution: the generator's own distribution (for a generator
 * of Bernoulli pixels, x is drawn from the probabilities G(z)).
 */
public final class DirectSampler implements Sampler {
    @Override
    public Sampled sample(SamplingTarget target, int count, Rng rng) {
        return Sampled.direct(Proposals.draw(target, count, rng), count);
    }
}
