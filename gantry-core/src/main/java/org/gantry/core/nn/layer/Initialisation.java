package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Arrays;
import org.gantry.core.engine.TorchEngine;
import org.gantry.random.Rng;

/**
 * Re-initialises weights and biases from a Gantry random stream with PyTorch's default rule for
 * linear and convolution layers, U(−1/√fan_in, 1/√fan_in), then lets layers with their own rule
 * ({@link SelfInitialising}) override it. Drawing on the Java side makes the initial network
 * depend on the seed only, not on the engine's random generator.
 */
public final class Initialisation {
    private Initialisation() {}

    public static void pytorchDefault(Block block, Rng rng) {
        long fanIn = 1;
        for (Parameter p : block.getParameters().values()) {
            long[] shape = p.getArray().getShape().getShape();
            if (p.getType() == Parameter.Type.WEIGHT && shape.length >= 2) {
                fanIn = 1;
                for (int i = 1; i < shape.length; i++) {
                    fanIn *= shape[i];
                }
                fillUniform(p, 1.0 / Math.sqrt(fanIn), rng);
            } else if (p.getType() == Parameter.Type.BIAS) {
                // A bias follows its layer's weight in parameter order.
                fillUniform(p, 1.0 / Math.sqrt(fanIn), rng);
            }
        }
        overrides(block, rng);
    }

    private static void overrides(Block block, Rng rng) {
        for (Block child : block.getChildren().values()) {
            overrides(child, rng);
        }
        if (block instanceof SelfInitialising s) {
            s.initialise(rng);
        }
    }

    private static void fillUniform(Parameter p, double bound, Rng rng) {
        float[] values = new float[Math.toIntExact(p.getArray().size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * rng.uniform() - 1) * bound);
        }
        fill(p, values);
    }

    /** Overwrites a parameter's values in place. */
    static void fill(Parameter p, float[] values) {
        try (NDArray fresh = p.getArray().getManager().create(values, p.getArray().getShape())) {
            TorchEngine.assign(p.getArray(), fresh);
        }
    }

    static void fillConstant(Parameter p, float value) {
        float[] values = new float[Math.toIntExact(p.getArray().size())];
        Arrays.fill(values, value);
        fill(p, values);
    }
}
