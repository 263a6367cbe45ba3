package org.gantry.core.sample;

import org.gantry.config.Config;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.data.GaussianMixture;
import org.gantry.data.Subsets;
import org.gantry.random.Rng;

/**
 * Real examples the critic was not trained on, for calibrating it: fresh draws where the data's
 * distribution is known (the 2D mixtures), the test split where the run trained on the training
 * split (MNIST's 10,000 test digits, which are also the evaluation reference: calibration fits two
 * numbers to them, too few to tailor the samples to that reference), else the training data
 * itself, which the report then names as such.
 */
public interface HeldOutExamples {

    float[] draw(int count, Rng rng);

    /** How many there are to draw from; {@link Integer#MAX_VALUE} for fresh draws. */
    int available();

    String description();

    /** The held-out examples of a run's data; a test split is read on first use, so samplers that never ask cost nothing. */
    static HeldOutExamples of(Config config, Dataset training) {
        if (training.mixture().isPresent()) {
            GaussianMixture mixture = training.mixture().get();
            return new Fixed(() -> Integer.MAX_VALUE, "fresh draws from the " + training.name() + " mixture",
                    mixture::sample);
        }
        if (training.hasTestSplit() && config.get(DataSets.SPLIT).equals("train")) {
            Dataset[] test = new Dataset[1];
            java.util.function.Supplier<Dataset> split = () -> {
                synchronized (test) {
                    if (test[0] == null) {
                        test[0] = DataSets.testSplit(config);
                    }
                    return test[0];
                }
            };
            return new Fixed(() -> split.get().size(), training.name() + " test split",
                    (count, rng) -> Subsets.draw(split.get(), count, rng));
        }
        return new Fixed(training::size, training.name() + " training data (seen by the critic: not held out)",
                (count, rng) -> Subsets.draw(training, count, rng));
    }

    /** Held-out examples from a function. */
    record Fixed(java.util.function.IntSupplier size, String description, Source source) implements HeldOutExamples {
        @Override
        public float[] draw(int count, Rng rng) {
            return source.draw(count, rng);
        }

        @Override
        public int available() {
            return size.getAsInt();
        }
    }

    /** Draws {@code count} examples with {@code rng}. */
    interface Source {
        float[] draw(int count, Rng rng);
    }
}
