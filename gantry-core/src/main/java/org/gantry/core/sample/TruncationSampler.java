package org.gantry.core.sample;

import org.gantry.core.model.LatentSpace;
import org.gantry.random.Rng;

/**
 * The truncation trick: every noise coordinate beyond ±threshold is drawn again until it falls
 * inside, so z comes from the prior truncated to a box (latent codes are left alone). Trades
 * diversity for quality as the threshold shrinks; the generator and critic are not consulted.
 */
public final class TruncationSampler implements Sampler {
    private final double threshold;

    public TruncationSampler(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public Sampled sample(SamplingTarget target, int count, Rng rng) {
        LatentSpace latent = target.latentSpace();
        float[] z = new float[count * latent.size()];
        latent.draw(rng, z);
        for (int row = 0; row < count; row++) {
            for (int i = row * latent.size(); i < row * latent.size() + latent.noise(); i++) {
                while (Math.abs(z[i]) > threshold) {
                    z[i] = (float) (latent.uniformNoise() ? 2 * rng.uniform() - 1 : rng.gaussian());
                }
            }
        }
        float[] x = target.generate(z, count);
        target.draw(x, rng);
        return Sampled.direct(x, count);
    }
}
