package org.gantry.core.sample;

import org.gantry.core.model.LatentSpace;
import org.gantry.random.Rng;

/**
 * What a sampler draws from: a trained generator, its critic, and real examples the critic was not
 * trained on. Arrays are row-major, one example (or latent vector) after another; no engine type
 * crosses this boundary, so samplers are plain Java.
 */
public interface SamplingTarget {

    LatentSpace latentSpace();

    /** Floats per example. */
    int exampleLength();

    /** The generator's outputs for {@code count} latent vectors: the examples, or the probabilities they are drawn from. */
    float[] generate(float[] z, int count);

    /** Replaces generator outputs by examples drawn from them, in place (nothing to draw for plain examples). */
    void draw(float[] outputs, Rng rng);

    /** Whether {@link #generate} returns the examples themselves, so that a gradient can pass through them. */
    boolean outputsAreExamples();

    /** Fails with a configuration error when the critic gives no per-example logit a sampler could read. */
    default void checkCritic() {}

    /** The critic's logit of each of {@code count} examples. */
    float[] logits(float[] examples, int count);

    /**
     * The critic's logit of G(z) for each of {@code count} latent vectors and its gradient with respect
     * to z (count × latent size).
     */
    LatentLogits latentLogits(float[] z, int count);

    /** {@code count} real examples for calibrating the critic, drawn with {@code rng}; see {@link #heldOutDescription}. */
    float[] heldOut(int count, Rng rng);

    /** How many held-out examples there are; {@link Integer#MAX_VALUE} when they are drawn afresh. */
    int heldOutAvailable();

    /** Where the held-out examples come from, for reports, e.g. {@code "mnist test split"}. */
    String heldOutDescription();

    /** Logits of G(z) and their gradients with respect to z. */
    record LatentLogits(float[] logits, float[] gradient) {}
}
