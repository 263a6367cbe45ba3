package org.gantry.core.latent;

/** A generator as a map from latent vectors to examples, with its vector–Jacobian product. */
public interface GeneratorMap {

    int latentSize();

    /** Floats per example. */
    int exampleLength();

    /** G(z) for {@code count} latent vectors, row-major. */
    float[] generate(float[] z, int count);

    /** Σᵢ J_G(zᵢ)ᵀ vᵢ row by row: the gradient with respect to z of Σᵢ ⟨G(zᵢ), vᵢ⟩ ({@code v}: count × example length). */
    float[] pullBack(float[] z, int count, float[] v);
}
