package org.gantry.core.api;

import java.util.Map;
import org.gantry.core.sample.Sampled;

/**
 * Samples drawn from a trained run ({@link SampleBuilder#draw}) and how.
 *
 * @param drawn the samples (row-major, {@code origin.shape()} each) with the proposals and acceptances they took
 * @param origin the data set the run learned, the checkpoint and the seed of the draw
 * @param sampler the sampler's name
 * @param settings the sampler's settings and their values
 * @param seconds time spent sampling (calibration and burn-in included)
 * @param heldOut where the real examples a critic-based sampler calibrates on came from
 */
public record SampleResult(Sampled drawn, Origin origin, String sampler, Map<String, Object> settings, double seconds,
        String heldOut) {

    public float[] examples() {
        return drawn.examples();
    }

    public int count() {
        return drawn.count();
    }
}
