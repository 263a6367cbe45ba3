package org.gantry.data;

import java.util.Optional;

/**
 * Training examples held in memory as one flat float array, example after example. Engine-free on
 * purpose: the training module turns batches into tensors.
 */
public interface Dataset {

    /** Registry name of the data set, e.g. {@code ring}. */
    String name();

    int size();

    /** Shape of one example without the batch axis, e.g. {@code [2]} for points in the plane. */
    int[] exampleShape();

    /** Number of floats per example. */
    default int exampleLength() {
        int n = 1;
        for (int d : exampleShape()) {
            n *= d;
        }
        return n;
    }

    /** Copies the examples at {@code indices} into {@code out}, one after the other. */
    void fill(int[] indices, float[] out);

    /** The generating mixture when it is known (synthetic data), for mode-based metrics. */
    default Optional<GaussianMixture> mixture() {
        return Optional.empty();
    }
}
