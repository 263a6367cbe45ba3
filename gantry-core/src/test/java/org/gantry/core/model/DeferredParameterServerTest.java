package org.gantry.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.gantry.core.TestConfigs;
import org.gantry.core.engine.Scalars;
import org.junit.jupiter.api.Test;

/**
 * A network whose optimizer updates all parameters at once (fused-adam) against the same network
 * trained through DJL's parameter server one parameter at a time (adam): same parameters updated,
 * same trajectory up to the two kernels' rounding.
 */
class DeferredParameterServerTest {

    @Test
    void aNetworkTrainedWithFusedAdamFollowsAdam() {
        List<float[]> adam = train("adam");
        List<float[]> fused = train("fused-adam");
        List<float[]> start = train(null);
        assertThat(fused).hasSameSizeAs(adam);
        for (int p = 0; p < adam.size(); p++) {
            float[] a = adam.get(p);
            float[] f = fused.get(p);
            float[] s = start.get(p);
            for (int i = 0; i < a.length; i++) {
                // six steps of lr 1e-3 move every weight by up to 6e-3 (each Adam step is about lr);
                // the two kernels differ by float rounding of each update
                assertThat(Math.abs(a[i] - s[i])).as("parameter %d[%d] moved", p, i).isGreaterThan(1e-5f);
                assertThat(f[i]).as("parameter %d[%d]", p, i).isCloseTo(a[i], within(2e-6f));
            }
        }
    }

    /** The discriminator's trainable weights after six steps with {@code optimizer} (null: none taken). */
    private static List<float[]> train(String optimizer) {
        try (GanModel model = new GanModel(TestConfigs.tiny("d.optimizer=" + (optimizer == null ? "adam" : optimizer),
                "d.lr=1e-3", "d.widths=8,8"), new int[] {2}); NDManager m = model.manager().newSubManager()) {
            Network d = model.discriminator();
            NDArray x = m.create(new float[] {1f, 2f, -0.5f, 0.25f, 3f, -1f}, new Shape(3, 2));
            for (int step = 0; step < (optimizer == null ? 0 : 6); step++) {
                try (NDManager scope = m.newSubManager()) {
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray out = d.forward(x, true);
                        // a different target each step, so the gradients change direction
                        collector.backward(Scalars.plus(out, step % 2 == 0 ? -1 : 2).square().sum());
                    }
                    d.update();
                }
            }
            List<float[]> weights = new ArrayList<>();
            for (NDArray w : d.trainableArrays()) {
                weights.add(w.toFloatArray());
            }
            return weights;
        }
    }
}
