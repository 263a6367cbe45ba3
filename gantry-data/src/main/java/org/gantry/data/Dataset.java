package org.gantry.data;

import java.util.Optional;

/**
 * Training examples held in memory, read out as floats example after example. Engine-free on
 * purpose: the training module turns batches into tensors.
 *
 * <p>Implementations are read-only after construction, so {@link #fill} may run on a background
 * thread (see {@link BatchPrefetcher}) while other threads read the same data set.
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

    /** Copies the {@code count} examples from {@code first} on into {@code out}, one after the other. */
    default void fillRange(int first, int count, float[] out) {
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = first + i;
        }
        fill(indices, out);
    }

    /** The generating mixture when it is known (synthetic data), for mode-based metrics. */
    default Optional<GaussianMixture> mixture() {
        return Optional.empty();
    }

    /** Whether every example carries a class label (digits, CIFAR classes, Stacked MNIST triples). */
    default boolean hasLabels() {
        return false;
    }

    /** The class label of example {@code index}, in [0, {@link #classCount()}); only when {@link #hasLabels()}. */
    default int label(int index) {
        throw new UnsupportedOperationException(name() + " has no labels");
    }

    /** Whether the data set is one half of a published train/test split (data.split chooses), as MNIST is. */
    default boolean hasTestSplit() {
        return false;
    }

    /** The labelled data set whose Gantry classifier gives this data's image features, if there is one. */
    default Optional<String> classifierData() {
        return Optional.empty();
    }

    /** Number of classes the labels range over; 0 for unlabelled data. */
    default int classCount() {
        return 0;
    }
}
