package org.gantry.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.gantry.core.TestConfigs;
import org.gantry.core.engine.TorchEngine;
import org.junit.jupiter.api.Test;

/** Historical averaging's gradient against its closed form. */
class HistoricalAverageTest {

    private static GanModel model() {
        return new GanModel(TestConfigs.tiny("d.activation=tanh", "d.widths=6"), new int[] {2});
    }

    @Test
    void historicalAveragingAddsTwiceLambdaTimesTheGapToTheRunningMean() {
        try (GanModel model = model(); NDManager m = model.manager().newSubManager()) {
            Network d = model.discriminator();
            double lambda = 0.3;
            HistoricalAverage history = new HistoricalAverage(lambda, d.parameters(), m);
            NDArray w = d.trainableArrays().get(0);
            float[] first = w.toFloatArray();
            allocateZeroGradients(d, m);
            history.beforeUpdate();
            try (NDArray g = w.getGradient()) {
                assertThat(g.toFloatArray()).containsOnly(0f);
            }
            float[] second = first.clone();
            for (int i = 0; i < second.length; i++) {
                second[i] += 1f + i;
            }
            TorchEngine.assign(w, m.create(second, w.getShape()));
            d.clearGradients();
            allocateZeroGradients(d, m);
            history.beforeUpdate();
            try (NDArray g = w.getGradient()) {
                float[] got = g.toFloatArray();
                for (int i = 0; i < got.length; i++) {
                    // mean = (θ₁ + θ₂)/2, so 2λ(θ₂ − mean) = λ(θ₂ − θ₁)
                    assertThat(got[i]).isCloseTo((float) (lambda * (second[i] - first[i])), within(1e-5f));
                }
            }
        }
    }

    private static void allocateZeroGradients(Network d, NDManager m) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(d.forward(m.create(new float[] {1f, 2f}, new Shape(1, 2)), true).mul(0f).sum());
        }
    }
}
