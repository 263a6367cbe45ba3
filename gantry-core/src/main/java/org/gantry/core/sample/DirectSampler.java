package org.gantry.core.sample;

import org.gantry.core.train.GanModel;
import org.gantry.random.Rng;

/** x = G(z) with z ~ N(0, I): the generator's own distribution. */
public final class DirectSampler implements Sampler {
    @Override
    public float[] sample(GanModel model, int count, Rng rng) {
        float[] z = new float[count * model.latentSize()];
        rng.fillGaussian(z);
        return model.generate(z, count);
    }
}
