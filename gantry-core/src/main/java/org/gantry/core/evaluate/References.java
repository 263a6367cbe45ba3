package org.gantry.core.evaluate;

import org.gantry.config.Config;
import org.gantry.config.GlobalSettings;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.eval.EvaluationReference;
import org.gantry.eval.FeatureNetwork;
import org.gantry.eval.Metrics;

/**
 * The real images a run's samples are compared with: the test split where the data set has a
 * fixed one and the run trains on the training split (BENCHMARKS.md: 10,000 test images), else
 * the training data itself.
 */
public final class References {
    private References() {}

    public static EvaluationReference create(Config config, Dataset training, FeatureNetwork network) {
        Dataset images = training;
        String name = training.name();
        if (training.hasTestSplit() && config.get(DataSets.SPLIT).equals("train")) {
            images = DataSets.testSplit(config);
            name = training.name() + " test split";
        } else if (training.hasTestSplit()) {
            name = training.name() + " " + config.get(DataSets.SPLIT) + " split";
        }
        return new EvaluationReference(training, images, name, Metrics.referenceSamples(config, training), network,
                config.get(GlobalSettings.SEED));
    }
}
