package org.gantry.core.nn;

import ai.djl.nn.Block;
import org.gantry.core.nn.layer.GaussianNoiseLayer;

/**
 * Gaussian noise a dense discriminator adds while training (d.input_noise, d.hidden_noise): on its
 * input, and on the output of each hidden layer. Off when both are 0, and then no layer is built,
 * so such networks are exactly those of earlier versions.
 */
record DiscriminatorNoise(double input, double hidden) {
    static final DiscriminatorNoise OFF = new DiscriminatorNoise(0, 0);

    /** The noise layer for the input, or null (which {@code LayerSequence.add} skips). */
    Block onInput() {
        return input > 0 ? new GaussianNoiseLayer(input) : null;
    }

    /** The noise layer after a hidden layer, or null. */
    Block onHidden() {
        return hidden > 0 ? new GaussianNoiseLayer(hidden) : null;
    }
}
