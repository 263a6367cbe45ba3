package org.gantry.core.sample;

import org.gantry.core.model.LatentSpace;
import org.gantry.random.Rng;

/**
 * A sampling target of one-number examples whose held-out data can be drawn without end, for
 * samplers' tests against known distributions: a subclass gives the generator, the critic and the
 * data distribution.
 */
abstract class OneDimensionalTarget implements SamplingTarget {
    private final LatentSpace latent;

    OneDimensionalTarget(LatentSpace latent) {
        this.latent = latent;
    }

    @Override
    public LatentSpace latentSpace() {
        return latent;
    }

    @Override
    public int exampleLength() {
        return 1;
    }

    @Override
    public void draw(float[] outputs, Rng rng) {}

    @Override
    public boolean outputsAreExamples() {
        return true;
    }

    @Override
    public int heldOutAvailable() {
        return Integer.MAX_VALUE;
    }

    @Override
    public String heldOutDescription() {
        return "draws from the data distribution";
    }
}
