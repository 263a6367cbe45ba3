package org.gantry.core.nn;

import java.util.Arrays;
import java.util.List;
import org.gantry.config.ConfigException;

/** Checks and arithmetic for the square images that convolutional architectures handle. */
record ImageShape(int channels, int size) {

    static ImageShape of(int[] shape, String architecture) {
        if (shape.length != 3 || shape[1] != shape[2]) {
            throw new ConfigException(architecture + " needs square images (channels, size, size); the data has shape "
                    + Arrays.toString(shape) + ". Use an mlp architecture for other data.");
        }
        return new ImageShape(shape[0], shape[1]);
    }

    /**
     * The side at which a generator starts so that {@code doublings} up-samplings reach the image
     * size, or a configuration error naming the key that sets the number of doublings.
     */
    int baseSize(int doublings, String key, List<Integer> channels) {
        int factor = 1 << doublings;
        if (size % factor != 0) {
            throw new ConfigException(key + "=" + channels + " means " + doublings + " up-samplings, but the image size "
                    + size + " is not divisible by " + factor + "; use fewer entries in " + key);
        }
        return size / factor;
    }

    /** The most doublings, at most {@code max}, that divide the size and leave a side of at least 3. */
    int naturalDoublings(int max) {
        int u = 0;
        while (u < max && size % (2 << u) == 0 && size / (2 << u) >= 3) {
            u++;
        }
        return u;
    }

    /** The last {@code count} entries (at most all) of a template list of widths. */
    static List<Integer> tail(List<Integer> template, int count) {
        return List.copyOf(template.subList(template.size() - count, template.size()));
    }
}
