package org.gantry.core.nn;

import ai.djl.nn.Block;
import java.util.List;
import org.gantry.core.nn.layer.ConvLayer;
import org.gantry.core.nn.layer.DenseLayer;
import org.gantry.core.nn.layer.LayerSequence;
import org.gantry.core.nn.layer.Layers;
import org.gantry.core.nn.layer.UpFactory;
import org.gantry.core.nn.layer.WeightForm;

/**
 * The DCGAN generator (Radford et al. 2016) with up-sampling + convolution in place of transposed
 * convolutions: z → dense to c₀·s·s → norm → ReLU → reshape; then for each further width c_i a
 * resolution-doubling 3×3 convolution → norm → ReLU; then a 3×3 convolution to the image channels
 * → tanh. In the {@code dcgan} form the last convolution also doubles the resolution (Gantry's
 * dcgan-mnist benchmark network); in the {@code sndcgan} form (SNGAN's "standard CNN", Miyato et
 * al. 2018) it keeps it. The maps are kept {@link org.gantry.core.nn.layer.ChannelsLast} from the
 * reshape on.
 */
final class ConvGenerator implements Architecture {
    private final List<Integer> configured;
    private final List<Integer> template;
    private final boolean doubleAtOutput;
    private final Normalisation.Choice norm;
    private final UpFactory up;
    private final String key;

    /**
     * @param configured the widths, or null for the tail of {@code template} that suits the image size
     */
    ConvGenerator(List<Integer> configured, List<Integer> template, boolean doubleAtOutput, Normalisation.Choice norm,
            UpFactory up, String key) {
        this.configured = configured;
        this.template = template;
        this.doubleAtOutput = doubleAtOutput;
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
        ImageShape image = ImageShape.of(outputShape, "this generator");
        List<Integer> channels = configured != null ? configured
                : ImageShape.tail(template, image.naturalDoublings(template.size() - (doubleAtOutput ? 0 : 1))
                        + (doubleAtOutput ? 0 : 1));
        int doublings = doubleAtOutput ? channels.size() : channels.size() - 1;
        int size = image.baseSize(doublings, key, channels);
        WeightForm sn = norm.weights();
        long c0 = channels.get(0);
        LayerSequence net = new LayerSequence()
                .add(new DenseLayer(inputShape[0], c0 * size * size, sn))
                .add(norm.factory().create(c0 * size * size, 0, 0))
                .add(Layers.relu())
                .add(Layers.image(c0, size, size));
        for (int i = 1; i < channels.size(); i++) {
            size *= 2;
            net.add(up.create(channels.get(i - 1), channels.get(i), 3, sn))
                    .add(norm.factory().create(channels.get(i), size, size))
                    .add(Layers.relu());
        }
        long last = channels.get(channels.size() - 1);
        net.add(doubleAtOutput ? up.create(last, image.channels(), 3, sn)
                : new ConvLayer(last, image.channels(), 3, 1, 1, sn));
        return net.add(Layers.tanh());
    }
}
