package org.gantry.core.nn;

import ai.djl.nn.Block;
import java.util.List;
import org.gantry.core.nn.layer.ConvLayer;
import org.gantry.core.nn.layer.DenseLayer;
import org.gantry.core.nn.layer.LayerSequence;
import org.gantry.core.nn.layer.Layers;
import org.gantry.core.nn.layer.WeightForm;

/**
 * SNGAN's "standard CNN" discriminator (Miyato et al. 2018, table 3; compare_gan's SNDCGAN): for
 * each width a 3×3 stride-1 convolution, and between widths a 4×4 stride-2 convolution, each
 * followed by LeakyReLU 0.1; then a dense layer to one logit, after minibatch discrimination on
 * the flattened last feature map when that is on. Spectral norm on every layer by default. The
 * feature maps are kept {@link org.gantry.core.nn.layer.ChannelsLast} from the first convolution
 * to the flattening, as the generator of the same form keeps its own.
 */
record SnDcganDiscriminator(List<Integer> channels, Normalisation.Choice norm, MinibatchFeatures minibatch)
        implements Architecture {

    SnDcganDiscriminator {
        channels = List.copyOf(channels);
    }

    @Override
    public Block build(int[] inputShape, int[] outputShape) {
        ImageShape image = ImageShape.of(inputShape, "d.arch=sndcgan");
        WeightForm sn = norm.weights();
        LayerSequence net = new LayerSequence();
        long in = image.channels();
        int size = image.size();
        for (int i = 0; i < channels.size(); i++) {
            int out = channels.get(i);
            net.add(i == 0 ? ConvLayer.intoChannelsLast(in, out, 3, 1, 1, sn) : new ConvLayer(in, out, 3, 1, 1, sn));
            if (i > 0) {
                net.add(norm.factory().create(out, size, size));
            }
            net.add(Layers.leakyRelu(0.1f));
            if (i < channels.size() - 1) {
                size = ConvLayer.outputSize(size, 4, 2, 1);
                net.add(new ConvLayer(out, out, 4, 2, 1, sn)).add(norm.factory().create(out, size, size))
                        .add(Layers.leakyRelu(0.1f));
            }
            in = out;
        }
        net.add(Layers.flattenImage());
        return net.add(new DenseLayer(minibatch.appendTo(net, in * size * size), outputShape[0], sn));
    }
}
