package org.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link TorchEngine#gradients} against closed forms: f = (w·x)², ∇_w f = 2(w·x)x, and the
 * gradient of ‖∇_w f‖² = 4(w·x)²‖x‖² with respect to w, 8(w·x)‖x‖²x, which only a differentiable
 * first gradient can give.
 */
class TorchEngineGradientsTest {
    private static final float[] W = {0.5f, -1f, 2f};
    private static final float[] X = {1f, 2f, -0.5f};
    private static final double WX = 0.5 - 2 - 1;
    private static final double XX = 1 + 4 + 0.25;

    @BeforeAll
    static void engine() {
        TorchEngine.start(1);
    }

    @Test
    void firstGradientsMatchTheClosedFormAndArraysKeepTheirNames() {
        try (NDManager m = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray w = m.create(W);
            NDArray x = m.create(X);
            NDArray unused = m.create(new float[] {1f, 2f});
            w.setName("weight");
            w.setRequiresGradient(true);
            x.setRequiresGradient(true);
            unused.setRequiresGradient(true);
            NDArray f = w.mul(x).sum().square();
            NDList g = TorchEngine.gradients(f, List.of(w, x, unused), false);
            assertThat(g).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(g.get(0).toFloatArray()[i]).isCloseTo((float) (2 * WX * X[i]), within(1e-5f));
                assertThat(g.get(1).toFloatArray()[i]).isCloseTo((float) (2 * WX * W[i]), within(1e-5f));
            }
            assertThat(g.get(2).toFloatArray()).containsExactly(0f, 0f);
            assertThat(g.get(0).hasGradient()).isFalse();
            assertThat(w.getName()).isEqualTo("weight");
            assertThat(x.getName()).isNull();
        }
    }

    @Test
    void differentiableGradientsBackPropagateToTheSecondDerivative() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(W);
            NDArray x = m.create(X);
            w.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray f = w.mul(x).sum().square();
                NDArray gw = TorchEngine.gradients(f, List.of(w), true).singletonOrThrow();
                NDArray penalty = gw.square().sum();
                assertThat(penalty.getFloat()).isCloseTo((float) (4 * WX * WX * XX), within(1e-4f));
                collector.backward(penalty);
            }
            float[] second = w.getGradient().toFloatArray();
            for (int i = 0; i < 3; i++) {
                assertThat(second[i]).isCloseTo((float) (8 * WX * XX * X[i]), within(1e-4f));
            }
        }
    }

    @Test
    void theOutputsGraphSurvivesForALaterBackward() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(W);
            NDArray x = m.create(X);
            w.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray f = w.mul(x).sum().square();
                TorchEngine.gradients(f, List.of(w), false).close();
                collector.backward(f);
            }
            float[] g = w.getGradient().toFloatArray();
            for (int i = 0; i < 3; i++) {
                assertThat(g[i]).isCloseTo((float) (2 * WX * X[i]), within(1e-5f));
            }
        }
    }
}
