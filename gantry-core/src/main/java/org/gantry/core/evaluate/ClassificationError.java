package org.gantry.core.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.gantry.core.model.Network;
import org.gantry.data.Dataset;

/**
 * A network with one logit per class as a classifier (the semi-supervised GAN's discriminator):
 * the share of a data set's labelled examples whose largest logit is not their class.
 */
public final class ClassificationError {
    private static final int CHUNK = 1000;

    private ClassificationError() {}

    public static double of(Network classifier, Dataset data) {
        if (!data.hasLabels() || data.size() == 0) {
            throw new IllegalArgumentException("'" + data.name() + "' has no labelled examples to classify");
        }
        int wrong = 0;
        for (int start = 0; start < data.size(); start += CHUNK) {
            int n = Math.min(CHUNK, data.size() - start);
            float[] x = new float[n * data.exampleLength()];
            data.fillRange(start, n, x);
            try (NDManager m = classifier.manager().newSubManager()) {
                NDArray logits = classifier.forward(m.create(x, Network.batchShape(n, data.exampleShape())), false);
                long[] predicted = logits.argMax(1).toLongArray();
                for (int i = 0; i < n; i++) {
                    if (predicted[i] != data.label(start + i)) {
                        wrong++;
                    }
                }
            }
        }
        return wrong / (double) data.size();
    }
}
