package org.gantry.data;

import java.util.Optional;

import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.random.Rng;

/**
 * Stacked MNIST (VEEGAN, PacGAN; ../shared/docs/BENCHMARKS.md): each example stacks three MNIST
 * training digits as its red, green and blue channels, 3 × 28 × 28. Its label is 100·a + 10·b + c
 * for the digits a, b, c of the three channels, so there are 1,000 modes.
 *
 * <p>Only the triples of MNIST indices are stored; {@link #fill} composes the channels on demand,
 * so 128,000 examples cost 1.5 MB beyond MNIST itself instead of 1.2 GB of floats.
 */
public final class StackedMnist implements Dataset {
    public static final Setting<Integer> IMAGES = Setting.of("data.stacked_images", ValueType.integer(1, 10_000_000),
            128_000, "Number of Stacked MNIST examples (three random MNIST training digits each; VEEGAN, PacGAN: 128,000).");

    private static final int CHANNELS = 3;
    private static final int MODES = 1000;

    private final String name;
    private final ImageDataset mnist;
    private final int[] triples;
    private final int[] labels;
    private final int channelLength;

    /**
     * Draws the triples: for example 0, 1, 2, … in turn, the MNIST indices of its red, green and
     * blue channels, each {@code rng.nextInt(mnist.size())}.
     *
     * @param mnist the MNIST training set, single-channel and labelled
     * @param rng {@code Rng.forPurpose(seed, "stacked-mnist")} for the run's seed
     */
    public StackedMnist(String name, ImageDataset mnist, int size, Rng rng) {
        int[] shape = mnist.exampleShape();
        if (shape[0] != 1 || !mnist.hasLabels() || mnist.classCount() > 10) {
            throw new IllegalArgumentException("Stacked MNIST needs labelled single-channel digits");
        }
        this.name = name;
        this.mnist = mnist;
        this.channelLength = shape[1] * shape[2];
        this.triples = new int[CHANNELS * size];
        this.labels = new int[size];
        for (int i = 0; i < size; i++) {
            int label = 0;
            for (int c = 0; c < CHANNELS; c++) {
                int index = rng.nextInt(mnist.size());
                triples[CHANNELS * i + c] = index;
                label = 10 * label + mnist.label(index);
            }
            labels[i] = label;
        }
    }

    /** The MNIST index of channel {@code channel} (0 red, 1 green, 2 blue) of example {@code example}. */
    public int mnistIndex(int example, int channel) {
        return triples[CHANNELS * example + channel];
    }

    /** Each channel is an MNIST digit, judged by the MNIST classifier channel by channel. */
    @Override
    public Optional<String> classifierData() {
        return Optional.of("mnist");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int[] exampleShape() {
        int[] s = mnist.exampleShape();
        return new int[] {CHANNELS, s[1], s[2]};
    }

    @Override
    public void fill(int[] indices, float[] out) {
        int length = CHANNELS * channelLength;
        for (int i = 0; i < indices.length; i++) {
            for (int c = 0; c < CHANNELS; c++) {
                mnist.copyImage(triples[CHANNELS * indices[i] + c], out, i * length + c * channelLength);
            }
        }
    }

    @Override
    public boolean hasLabels() {
        return true;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public int classCount() {
        return MODES;
    }
}
