package org.gantry.core.nn;

import ai.djl.nn.Block;
import java.util.List;
import org.gantry.core.nn.layer.ConvLayer;
import org.gantry.core.nn.layer.DenseLayer;
import org.gantry.core.nn.layer.LayerSequence;
import org.gantry.core.nn.layer.Layers;
import org.gantry.core.nn.layer.ResidualBlock;
import org.gantry.core.nn.layer.UpFactory;
import org.gantry.core.nn.layer.WeightForm;

/**
 * The SNGAN ResNet generator (Miyato et al. 2018, after Gulrajani et al. 2017): z → dense to
 * c₀·s·s → reshape; one up-sampling residual block per width; norm → ReLU → 3×3 convolution to
 * the image channels → tanh.
 */
final class ResNetGenerator implements Architecture {
    private final List<Integer> configured;
    private final List<Integer> template;
    private final Normalisation.Choice norm;
    private final UpFactory up;
    private final String key;

    /**
     * @param configured the widths, or null for as many entries of {@code template} as the image size
     *     allows doublings
     */
    ResNetGenerator(List<Integer> configured, List<Integer> template, Normalisation.Choice norm, UpFactory up,
            String key) {
        this.configured = configured;
        this.template = template;
        this.norm = norm;
        this.up = up;
        this.key = key;
    }

    @Override
    public boolean tanhOutput() {
        return true;
    }

    @Override
    public Block build(int[] inputShape, int[] outputShape) {
        ImageShape image = ImageShape.of(outputShape, "g.arch=resnet");
        List<Integer> channels = configured != null ? configured
                : ImageShape.tail(template, image.naturalDoublings(template.size()));
        int size = image.baseSize(channels.size(), key, channels);
        WeightForm sn = norm.weights();
        long in = channels.get(0);
        LayerSequence net = new LayerSequence().add(new DenseLayer(inputShape[0], in * size * size, sn))
                .add(Layers.reshape(in, size, size));
        for (int out : channels) {
            net.add(new ResidualBlock(in, out, size, ResidualBlock.Resample.UP, norm.factory(), sn, false, up));
            size *= 2;
            in = out;
        }
        return net.add(norm.factory().create(in, size, size)).add(Layers.relu())
                .add(new ConvLayer(in, image.channels(), 3, 1, 1, sn)).add(Layers.tanh());
    }
}
