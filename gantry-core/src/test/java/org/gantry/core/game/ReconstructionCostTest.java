package org.gantry.core.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.core.TestConfigs;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.features.FeatureComparators;
import org.gantry.core.features.TorchScriptFeatures;
import org.gantry.core.model.GanModel;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * The feature-space reconstruction cost through a real TorchScript comparator, the test network
 * that averages 4×4 pixel blocks: value and gradient against the same averages done by hand.
 */
class ReconstructionCostTest {

    private static double[] blockMeans(float[] image) {
        double[] f = new double[49];
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                f[(r / 4) * 7 + c / 4] += image[r * 28 + c] / 16.0;
            }
        }
        return f;
    }

    @Test
    void featureTermAndItsGradientMatchTheComparatorComputedByHand() throws Exception {
        TorchEngine.start(1);
        Path net = Path.of(getClass().getResource("/org/gantry/core/evaluate/pooled_pixels_net.pt").toURI());
        Rng rng = new Rng(9);
        int n = 3;
        float[] x = new float[n * 784];
        float[] y = new float[n * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.tanh(rng.gaussian());
            y[i] = (float) Math.tanh(rng.gaussian());
        }
        double pixelWeight = 0.3;
        double featureWeight = 2.5;
        double pixels = 0;
        double features = 0;
        double[][] featureDiff = new double[n][];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 784; k++) {
                pixels += Math.pow(x[i * 784 + k] - y[i * 784 + k], 2) / n;
            }
            double[] fx = blockMeans(java.util.Arrays.copyOfRange(x, i * 784, (i + 1) * 784));
            double[] fy = blockMeans(java.util.Arrays.copyOfRange(y, i * 784, (i + 1) * 784));
            featureDiff[i] = new double[49];
            for (int j = 0; j < 49; j++) {
                featureDiff[i][j] = fx[j] - fy[j];
                features += featureDiff[i][j] * featureDiff[i][j] / n;
            }
        }
        ReconstructionCost cost = new ReconstructionCost(true, pixelWeight, featureWeight, 0, null);
        try (TorchScriptFeatures comparator = TorchScriptFeatures.load(net, new int[] {1, 28, 28}, 1);
                GanModel model = new GanModel(TestConfigs.tiny(), new int[] {2});
                NDManager m = NDManager.newBaseManager()) {
            model.compareWith(FeatureComparators.of(comparator, new int[] {1, 28, 28}, "test"));
            NDArray xs = m.create(x, new Shape(n, 1, 28, 28));
            NDArray ys = m.create(y, new Shape(n, 1, 28, 28));
            ys.setRequiresGradient(true);
            Map<String, NDArray> terms = new LinkedHashMap<>();
            float[] gradient;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray total = cost.of(model, xs, ys, terms);
                assertThat(terms.keySet()).containsExactly("reconstruction", "pixel_error", "feature_error");
                assertThat(terms.get("pixel_error").getFloat()).isCloseTo((float) pixels, within((float) (1e-5 * pixels)));
                assertThat(terms.get("feature_error").getFloat()).isCloseTo((float) features,
                        within((float) (1e-5 * features)));
                assertThat(total.getFloat()).isCloseTo((float) (pixelWeight * pixels + featureWeight * features),
                        within((float) (1e-5 * (pixels + features))));
                gradient = TorchEngine.gradients(total, List.of(ys), false).singletonOrThrow().toFloatArray();
            }
            // d/dy: −2 λ_img (x − y)/n, and −2 λ_feat (φx − φy)_block / (16 n) through the block average.
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 784; k += 37) {
                    int r = k / 28;
                    int c = k % 28;
                    double expected = -2 * pixelWeight * (x[i * 784 + k] - y[i * 784 + k]) / n
                            - 2 * featureWeight * featureDiff[i][(r / 4) * 7 + c / 4] / (16.0 * n);
                    assertThat(gradient[i * 784 + k]).as("image %d pixel %d", i, k).isCloseTo((float) expected,
                            within(1e-6f));
                }
            }
        }
    }

    @Test
    void theAdversarialTermIsTheWeightedGeneratorLossOfDOnTheReconstructions() {
        org.gantry.config.Config c = TestConfigs.tiny("game.name=wae_mmd", "game.adversarial_weight=0.5");
        try (GanModel model = Games.model(c, new int[] {2}); NDManager m = NDManager.newBaseManager()) {
            float[] y = {0.3f, -1.2f, 2f, 0.1f, -0.4f, 0.9f};
            NDArray ys = m.create(y, new Shape(3, 2));
            float[] logits = model.discriminator().forward(ys, true).toFloatArray();
            double expected = 0;
            for (float l : logits) {
                expected += Math.log1p(Math.exp(-l)) / logits.length; // non-saturating: -log sigmoid
            }
            java.util.Map<String, NDArray> terms = new java.util.LinkedHashMap<>();
            // x equals y, so the squared error is 0 and the cost is the adversarial term alone.
            NDArray total = ReconstructionCost.of(c).of(model, m.create(y, new Shape(3, 2)), ys, terms);
            assertThat((double) terms.get("image_adversarial").getFloat()).isCloseTo(expected, within(1e-5));
            assertThat((double) total.getFloat()).isCloseTo(0.5 * expected, within(1e-5));
        }
    }
}
