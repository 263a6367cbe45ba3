package org.gantry.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.gantry.core.engine.Scalars;
import org.gantry.random.Rng;

/**
 * What a generator's output is: the examples themselves, or the parameters of a distribution over
 * discrete examples from which they are drawn.
 */
public enum GeneratorOutput {
    /** The output is the example (points, grey or colour pixels). */
    EXAMPLES,
    /**
     * Each output value y in [−1, 1] (a tanh) is the probability (y + 1)/2 that its pixel is white
     * (+1) rather than black (−1); an example draws every pixel independently (discrete BGAN).
     */
    BERNOULLI_PIXELS;

    /** Examples drawn from a batch of outputs, with uniforms from {@code rng}; no graph leads back to the output. */
    public NDArray draw(NDArray output, Rng rng) {
        if (this == EXAMPLES) {
            return output;
        }
        float[] u = new float[Math.toIntExact(output.size())];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) rng.uniform();
        }
        NDArray probability = Scalars.times(Scalars.plus(output.stopGradient(), 1), 0.5);
        NDArray white = output.getManager().create(u, output.getShape()).lt(probability).toType(DataType.FLOAT32, false);
        return Scalars.plus(Scalars.times(white, 2), -1);
    }

    /** {@link #draw} for outputs held row-major in Java, replaced in place by the examples. */
    public void draw(float[] outputs, Rng rng) {
        if (this == EXAMPLES) {
            return;
        }
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = rng.uniform() < (outputs[i] + 1) / 2.0 ? 1f : -1f;
        }
    }
}
