package org.gantry.core.sample;

import org.gantry.core.model.GanModel;
import org.gantry.random.Rng;

/** x = G(z) with z from the latent distribution: the generator's own distribution. */
public final class DirectSampler implements Sampler {
    @Override
    public float[] sample(GanModel model, int count, Rng rng) {
        float[] z = new float[count * model.latentSize()];
        model.drawLatent(rng, z);
        return model.generate(z, count);
    }
}
