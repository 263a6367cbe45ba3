package org.gantry.core.nn;

import org.gantry.core.nn.layer.LayerSequence;
import org.gantry.core.nn.layer.MinibatchDiscrimination;

/**
 * Minibatch discrimination as a discriminator is configured to use it (d.minibatch_kernels,
 * d.minibatch_kernel_dims): off when there are no kernels, so that networks built without it are
 * exactly those of earlier versions, parameters and initial values included.
 */
record MinibatchFeatures(int kernels, int kernelDims) {
    static final MinibatchFeatures OFF = new MinibatchFeatures(0, 1);

    /**
     * Appends the layer to {@code net} on the {@code features} values each example has there, when it
     * is on, and returns how many values per example the next layer then receives.
     */
    long appendTo(LayerSequence net, long features) {
        if (kernels == 0) {
            return features;
        }
        MinibatchDiscrimination layer = new MinibatchDiscrimination(features, kernels, kernelDims);
        net.add(layer);
        return layer.outputFeatures();
    }
}
