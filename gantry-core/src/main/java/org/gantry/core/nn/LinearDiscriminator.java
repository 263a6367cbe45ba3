package org.gantry.core.nn;

import ai.djl.nn.Block;
import org.gantry.core.nn.layer.DenseLayer;
import org.gantry.core.nn.layer.LayerSequence;
import org.gantry.core.nn.layer.Layers;
import org.gantry.core.nn.layer.WeightForm;

/**
 * A linear discriminator: one dense layer from the (flattened) input to the logit, w·x + b. The
 * critic of logistic regression, whose training problem is convex: the dualing GAN solves it
 * exactly, and on 2D toys it shows how gradient play on a linear critic circles.
 */
final class LinearDiscriminator implements Architecture {
    private final WeightForm form;

    LinearDiscriminator(WeightForm form) {
        this.form = form;
    }

    @Override
    public Block build(int[] inputShape, int[] outputShape) {
        LayerSequence net = new LayerSequence();
        if (inputShape.length > 1) {
            net.add(Layers.flatten());
        }
        return net.add(new DenseLayer(Architecture.product(inputShape), Architecture.product(outputShape), form));
    }
}
