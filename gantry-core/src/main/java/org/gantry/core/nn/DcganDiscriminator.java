package org.gantry.core.nn;

import ai.djl.nn.Block;
import java.util.List;
import org.gantry.core.nn.layer.ConvLayer;
import org.gantry.core.nn.layer.DenseLayer;
import org.gantry.core.nn.layer.LayerSequence;
import org.gantry.core.nn.layer.Layers;
import org.gantry.core.nn.layer.WeightForm;

/**
 * The DCGAN discriminator (Radford et al. 2016): for each width a 4×4 stride-2 convolution,
 * normalisation on all but the first, LeakyReLU 0.2; then a dense layer to one logit, after
 * minibatch discrimination on the flattened last feature map when that is on. The feature maps are
 * kept {@link org.gantry.core.nn.layer.ChannelsLast} from the first convolution to the flattening.
 */
record DcganDiscriminator(List<Integer> channels, Normalisation.Choice norm, MinibatchFeatures minibatch)
        implements Architecture {

    DcganDiscriminator {
        channels = List.copyOf(channels);
    }

    @Override
    public Block build(int[] inputShape, int[] outputShape) {
        ImageShape image = ImageShape.of(inputShape, "d.arch=dcgan");
        WeightForm sn = norm.weights();
        LayerSequence net = new LayerSequence();
        long in = image.channels();
        int size = image.size();
        for (int i = 0; i < channels.size(); i++) {
            int out = channels.get(i);
            size = ConvLayer.outputSize(size, 4, 2, 1);
            net.add(i == 0 ? ConvLayer.intoChannelsLast(in, out, 4, 2, 1, sn) : new ConvLayer(in, out, 4, 2, 1, sn));
            if (i > 0) {
                net.add(norm.factory().create(out, size, size));
            }
            net.add(Layers.leakyRelu(0.2f));
            in = out;
        }
        net.add(Layers.flattenImage());
        return net.add(new DenseLayer(minibatch.appendTo(net, in * size * size), outputShape[0], sn));
    }
}
