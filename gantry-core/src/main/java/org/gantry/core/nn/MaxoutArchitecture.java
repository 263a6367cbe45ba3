package org.gantry.core.nn;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import java.util.List;
import org.gantry.core.nn.layer.DenseLayer;
import org.gantry.core.nn.layer.LayerSequence;
import org.gantry.core.nn.layer.MaxoutPieces;
import org.gantry.core.nn.layer.Layers;
import org.gantry.core.nn.layer.WeightForm;

/**
 * Maxout layers (Goodfellow et al. 2013): each unit is the maximum of {@code pieces} linear
 * pieces, followed by a linear output. The PacGAN discriminator is three maxout layers of 200
 * units with 5 pieces. Minibatch discrimination, when on, comes between the last maxout layer and
 * the output; training noise, when on, after the input and after each maxout layer.
 */
final class MaxoutArchitecture implements Architecture {
    private final List<Integer> widths;
    private final int pieces;
    private final WeightForm form;
    private final MinibatchFeatures minibatch;
    private final DiscriminatorNoise noise;

    MaxoutArchitecture(List<Integer> widths, int pieces, WeightForm form, MinibatchFeatures minibatch,
            DiscriminatorNoise noise) {
        this.widths = List.copyOf(widths);
        this.pieces = pieces;
        this.form = form;
        this.minibatch = minibatch;
        this.noise = noise;
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
            net.add(new MaxoutPieces(in, width, pieces, form));
            net.add(new LambdaBlock(list -> new NDList(MaxoutPieces.maximum(list.singletonOrThrow(), width, pieces))))
                    .add(noise.onHidden());
            in = width;
        }
        in = minibatch.appendTo(net, in);
        return net.add(new DenseLayer(in, Architecture.product(outputShape), form));
    }
}
