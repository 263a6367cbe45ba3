package org.gantry.core.evaluate;

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
        int[] wrong = {0};
        ExampleBatches.forEach(data, data.size(), CHUNK, classifier.manager(), (start, x, examples) -> {
            long[] predicted = classifier.forward(examples, false).argMax(1).toLongArray();
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] != data.label(start + i)) {
                    wrong[0]++;
                }
            }
        });
        return wrong[0] / (double) data.size();
    }
}
