package org.gantry.core.nn;

import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import java.util.List;
import org.gantry.core.nn.layer.DenseLayer;
import org.gantry.core.nn.layer.LayerSequence;
import org.gantry.core.nn.layer.Layers;

/**
 * A multi-layer perceptron: for each hidden width a dense layer, normalisation and the
 * activation; then a dense output layer. Used as generator (PacGAN: 4 × 400, ReLU, BN) and as
 * discriminator; images are flattened on the way in and reshaped on the way out. A discriminator's
 * minibatch discrimination, when on, comes between the last hidden layer and the output, and its
 * training noise, when on, after the input and after each hidden layer (Salimans et al. 2016).
 */
final class MlpArchitecture implements Architecture {
    private final List<Integer> widths;
    private final String activation;
    private final Normalisation.Choice norm;
    private final MinibatchFeatures minibatch;
    private final boolean tanh;
    private final DiscriminatorNoise noise;

    MlpArchitecture(List<Integer> widths, String activation, Normalisation.Choice norm, MinibatchFeatures minibatch) {
        this(widths, activation, norm, minibatch, false, DiscriminatorNoise.OFF);
    }

    /** @param tanh whether the output layer is followed by tanh */
    MlpArchitecture(List<Integer> widths, String activation, Normalisation.Choice norm, MinibatchFeatures minibatch,
            boolean tanh, DiscriminatorNoise noise) {
        this.tanh = tanh;
        this.noise = noise;
        this.widths = List.copyOf(widths);
        this.activation = activation;
        this.norm = norm;
        this.minibatch = minibatch;
    }

    @Override
    public boolean tanhOutput() {
        return tanh;
    }

    @Override
    public Block build(int[] inputShape, int[] outputShape) {
        LayerSequence net = new LayerSequence();
        if (inputShape.length > 1) {
            net.add(Layers.flatten());
        }
        long in = Architecture.product(inputShape);
        net.add(noise.onInput());
        for (int width : widths) {
            net.add(new DenseLayer(in, width, norm.weights())).add(norm.factory().create(width, 0, 0))
                    .add(new LambdaBlock(ActivationName.of(activation))).add(noise.onHidden());
            in = width;
        }
        in = minibatch.appendTo(net, in);
        net.add(new DenseLayer(in, Architecture.product(outputShape), norm.weights()));
        if (tanh) {
            net.add(Layers.tanh());
        }
        if (outputShape.length > 1) {
            long[] shape = new long[outputShape.length];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = outputShape[i];
            }
            net.add(Layers.reshape(shape));
        }
        return net;
    }
}
