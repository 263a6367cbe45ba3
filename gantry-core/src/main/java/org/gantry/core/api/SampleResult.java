package org.gantry.core.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.gantry.core.sample.Sampled;
import org.gantry.data.GaussianMixture;

/**
 * Samples drawn from a trained run ({@link SampleBuilder#draw}) and how.
 *
 * @param drawn the samples (row-major, {@code shape} each) with the proposals and acceptances they took
 * @param shape one sample's shape, e.g. {@code [2]} or {@code [1, 28, 28]}
 * @param data the data set the run learned
 * @param modes its generating mixture, for the 2D data sets
 * @param checkpoint the checkpoint file read
 * @param step the step it was written at
 * @param seed the seed of the draw
 * @param sampler the sampler's name
 * @param settings the sampler's settings and their values
 * @param seconds time spent sampling (calibration and burn-in included)
 * @param heldOut where the real examples a critic-based sampler calibrates on came from
 */
public record SampleResult(Sampled drawn, int[] shape, String data, Optional<GaussianMixture> modes, Path checkpoint,
        long step, long seed, String sampler, Map<String, Object> settings, double seconds, String heldOut) {

    public float[] examples() {
        return drawn.examples();
    }

    public int count() {
        return drawn.count();
    }
}
