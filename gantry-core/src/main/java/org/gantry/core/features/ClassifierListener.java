package org.gantry.core.features;

/**
 * Watches a classifier being found, trained or cached: a progress bar, log lines, a test. Every
 * method has an empty default, so a listener implements only what it needs.
 */
public interface ClassifierListener {
    /** A listener that ignores everything. */
    ClassifierListener NONE = new ClassifierListener() {};

    /** A one-line status: "loading mnist", "no cached classifier: training", "cached at …". */
    default void onMessage(String message) {}

    /** Before the first batch of a training. */
    default void onStart(int epochs, int batchesPerEpoch) {}

    /** After each training batch; {@code epoch} and {@code batch} count from 1. */
    default void onBatch(int epoch, int batch, double loss) {}

    /** After each epoch, with the mean training loss and the accuracy on the test split. */
    default void onEpoch(int epoch, double meanLoss, double testAccuracy) {}
}
