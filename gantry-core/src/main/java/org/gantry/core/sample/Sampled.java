package org.gantry.core.sample;

/**
 * Samples and what they cost.
 *
 * @param examples {@code count} examples, row-major
 * @param count how many
 * @param proposals candidates the sampler generated and judged for these samples (chain steps for a
 *     Markov chain); the one-off set-up, calibration and DRS's burn-in, is not counted
 * @param accepted proposals it accepted
 */
public record Sampled(float[] examples, int count, long proposals, long accepted) {

    /** Samples drawn one proposal each, all accepted. */
    public static Sampled direct(float[] examples, int count) {
        return new Sampled(examples, count, count, count);
    }

    public double acceptanceRate() {
        return proposals == 0 ? Double.NaN : (double) accepted / proposals;
    }

    /** Proposals per sample returned: the marginal cost of a sample relative to plain sampling. */
    public double proposalsPerSample() {
        return count == 0 ? Double.NaN : (double) proposals / count;
    }
}
