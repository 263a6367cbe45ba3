package org.gantry.eval;

/**
 * The generated side of an evaluation: samples laid out one after another in the data's example
 * shape. Their embedding is computed on first need and shared by every metric that uses it, so
 * FID, KID and precision/recall of one evaluation run the feature network once.
 */
public final class GeneratedSamples {
    private final float[] samples;
    private final int count;
    private final EvaluationReference reference;
    private Embedding embedding;

    public GeneratedSamples(float[] samples, int count, EvaluationReference reference) {
        int length = reference.training().exampleLength();
        if (samples.length < (long) count * length) {
            throw new IllegalArgumentException(count + " samples of " + length + " values need " + (long) count * length
                    + " floats, got " + samples.length);
        }
        this.samples = samples;
        this.count = count;
        this.reference = reference;
    }

    public float[] samples() {
        return samples;
    }

    public int count() {
        return count;
    }

    public synchronized Embedding embedding() {
        if (embedding == null) {
            embedding = reference.embed(samples, count);
        }
        return embedding;
    }
}
