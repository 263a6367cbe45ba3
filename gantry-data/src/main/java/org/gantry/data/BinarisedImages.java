package org.gantry.data;

import java.util.Optional;
import org.gantry.config.ConfigException;

/**
 * Images with every pixel made black or white: −1 below the middle grey, +1 from it on (an 8-bit
 * value of 128 or more), the binarised MNIST that discrete generators (Bernoulli pixels) learn.
 * Labels pass through.
 */
public final class BinarisedImages implements Dataset {
    private final Dataset images;

    public BinarisedImages(Dataset images) {
        if (images.exampleShape().length != 3) {
            throw new ConfigException("data.binarise=true makes pixels black or white, and '" + images.name()
                    + "' holds points, not images: leave data.binarise unset");
        }
        this.images = images;
    }

    @Override
    public String name() {
        return images.name();
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public int[] exampleShape() {
        return images.exampleShape();
    }

    @Override
    public void fill(int[] indices, float[] out) {
        images.fill(indices, out);
        for (int i = 0; i < indices.length * exampleLength(); i++) {
            out[i] = out[i] > 0 ? 1f : -1f;
        }
    }

    @Override
    public Optional<GaussianMixture> mixture() {
        return images.mixture();
    }

    @Override
    public boolean hasTestSplit() {
        return images.hasTestSplit();
    }

    @Override
    public Optional<String> classifierData() {
        return images.classifierData();
    }

    @Override
    public boolean hasLabels() {
        return images.hasLabels();
    }

    @Override
    public int label(int index) {
        return images.label(index);
    }

    @Override
    public int classCount() {
        return images.classCount();
    }
}
