package org.gantry.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.function.UnaryOperator;
import org.gantry.core.engine.TorchEngine;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/** Gantry's classifier as a frozen comparator: gradients reach the images, and nothing else. */
class ClassifierComparatorTest {

    @Test
    void gradientThroughTheFrozenFeaturesMatchesFiniteDifferencesAndLeavesTheWeightsAlone() {
        TorchEngine.start(1);
        Rng rng = new Rng(4);
        float[] image = new float[2 * 784];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) Math.tanh(rng.gaussian());
        }
        float[] weights = new float[2 * 128];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) rng.gaussian();
        }
        try (ClassifierNetwork net = new ClassifierNetwork(new int[] {1, 28, 28}, 10, new Rng(1));
                NDManager m = NDManager.newBaseManager()) {
            UnaryOperator<NDArray> features = net.frozenFeatures();
            NDArray w = m.create(weights, new Shape(2, 128));
            NDArray x = m.create(image, new Shape(2, 1, 28, 28));
            x.setRequiresGradient(true);
            float[] gradient;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray scalar = features.apply(x).mul(w).sum();
                gradient = TorchEngine.gradients(scalar, List.of(x), false).singletonOrThrow().toFloatArray();
            }
            double largest = 0;
            for (float g : gradient) {
                largest = Math.max(largest, Math.abs(g));
            }
            assertThat(largest).isPositive();
            // Central differences, except where the one-sided ones disagree: a ReLU or a max-pooling choice
            // switches within the step there, and the function has no derivative to compare with.
            double h = 2e-3;
            int checked = 0;
            double centre = value(features, w, m, image, 0, 0);
            for (int k = 100; k < image.length && checked < 12; k += 37) {
                if (Math.abs(gradient[k]) < 0.05 * largest) {
                    continue;
                }
                double up = (value(features, w, m, image, k, h) - centre) / h;
                double down = (centre - value(features, w, m, image, k, -h)) / h;
                if (Math.abs(up - down) > 0.02 * largest) {
                    continue;
                }
                assertThat(gradient[k]).as("pixel %d", k).isCloseTo((float) ((up + down) / 2),
                        org.assertj.core.data.Offset.offset((float) (0.01 * largest)));
                checked++;
            }
            assertThat(checked).isGreaterThanOrEqualTo(6);
            // With the images constant, nothing in the pass tracks a gradient: the weights are frozen.
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                assertThat(features.apply(m.create(image, new Shape(2, 1, 28, 28))).hasGradient()).isFalse();
            }
        }
    }

    private static double value(UnaryOperator<NDArray> features, NDArray w, NDManager m, float[] image, int k, double h) {
        float[] moved = image.clone();
        moved[k] += (float) h;
        try (NDManager s = m.newSubManager()) {
            return features.apply(s.create(moved, new Shape(2, 1, 28, 28))).mul(w).sum().getFloat();
        }
    }
}
