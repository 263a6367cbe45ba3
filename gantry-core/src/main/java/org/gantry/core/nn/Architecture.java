package org.gantry.core.nn;

import ai.djl.nn.Block;

/**
 * A network family (MLP, maxout, DCGAN, ResNet, ...). An instance carries its settings, read from
 * the configuration by its registry entry, and builds an uninitialised block for given shapes.
 */
public interface Architecture {

    /**
     * @param inputShape one example going in without the batch axis: {@code [z]} for a generator,
     *     e.g. {@code [1, 28, 28]} for a discriminator
     * @param outputShape one example coming out: the data shape for a generator, {@code [1]} for a
     *     discriminator
     */
    Block build(int[] inputShape, int[] outputShape);

    /** Whether the built block ends in tanh, so that every output lies in [−1, 1]. */
    default boolean tanhOutput() {
        return false;
    }

    static int product(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
