package org.gantry.core.nn;

import ai.djl.nn.Block;
import java.util.List;
import org.gantry.core.nn.layer.DenseLayer;
import org.gantry.core.nn.layer.LayerSequence;
import org.gantry.core.nn.layer.Layers;
import org.gantry.core.nn.layer.ResidualBlock;
import org.gantry.core.nn.layer.WeightForm;

/**
 * The SNGAN ResNet discriminator (Miyato et al. 2018): one residual block per width, the first an
 * "optimised" block; blocks halve the resolution while it is at least 16 (so 32 → 16 → 8 and 28 →
 * 14 → 7, as SNGAN's CIFAR network); then ReLU, a sum over positions and a dense layer to one
 * logit. Minibatch discrimination, when on, works on the summed features, one per channel.
 */
record ResNetDiscriminator(List<Integer> channels, Normalisation.Choice norm, MinibatchFeatures minibatch)
        implements Architecture {

    ResNetDiscriminator {
        channels = List.copyOf(channels);
    }

    @Override
    public Block build(int[] inputShape, int[] outputShape) {
        ImageShape image = ImageShape.of(inputShape, "d.arch=resnet");
        WeightForm sn = norm.weights();
        LayerSequence net = new LayerSequence();
        long in = image.channels();
        int size = image.size();
        for (int i = 0; i < channels.size(); i++) {
            int out = channels.get(i);
            ResidualBlock.Resample resample = size >= 16 ? ResidualBlock.Resample.DOWN : ResidualBlock.Resample.NONE;
            net.add(new ResidualBlock(in, out, size, resample, norm.factory(), sn, i == 0, null));
            size = resample == ResidualBlock.Resample.DOWN ? size / 2 : size;
            in = out;
        }
        net.add(Layers.relu()).add(Layers.sumPool());
        return net.add(new DenseLayer(minibatch.appendTo(net, in), outputShape[0], sn));
    }
}
