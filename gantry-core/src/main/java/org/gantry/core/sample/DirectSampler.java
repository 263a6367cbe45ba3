package org.gantry.core.sample;

import org.gantry.core.model.GanModel;
import org.gantry.random.Rng;

/**
 * x = G(z) with z from the latent distribution: the generator's own distribution (for a generator
 * of Bernoulli pixels, x is drawn from the probabilities G(z)).
 */
public final class DirectSampler implements Sampler {
    @Override
    public float[] sample(GanModel model, int count, Rng rng) {
        float[] z = new float[count * model.latentSize()];
        model.drawLatent(rng, z);
        float[] out = model.generate(z, count);
        model.generatorOutput().draw(out, rng);
        return out;
    }
}
