package org.gantry.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import java.util.ArrayList;
import java.util.List;
import org.gantry.core.TestConfigs;
import org.gantry.core.engine.Scalars;
import org.gantry.core.optim.AdamOptimizer;
import org.gantry.core.optim.StatefulOptimizer;
import org.junit.jupiter.api.Test;

/**
 * A network's updates, which hand the optimizer all parameters at once, against DJL's own local
 * parameter server (one call per parameter, on a copy of its gradient) and against the fused Adam.
 */
class DeferredParameterServerTest {
    private static final int STEPS = 6;

    @Test
    void updatesEqualDjlsLocalServerToTheBit() {
        List<float[]> network = train("djl-adam", false);
        List<float[]> djl = train("djl-adam", true);
        List<float[]> start = train(null, false);
        assertThat(network).hasSameSizeAs(djl);
        for (int p = 0; p < network.size(); p++) {
            assertThat(network.get(p)).as("parameter %d", p).containsExactly(djl.get(p))
                    .isNotEqualTo(start.get(p));
        }
    }

    @Test
    void aNetworkTrainedWithTheFusedAdamFollowsDjlsAdam() {
        List<float[]> adam = train("djl-adam", false);
        List<float[]> fused = train("adam", false);
        List<float[]> start = train(null, false);
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

    @Test
    void whatAFailedPassNotedIsNotUpdatedByTheNext() {
        List<String> updated = new ArrayList<>();
        StatefulOptimizer recorder = new StatefulOptimizer(0) {
            @Override
            public void update(String parameterId, NDArray weight, NDArray grad) {
                updated.add(parameterId);
            }
        };
        TestConfigs.tiny();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.zeros(new Shape(2));
            w.setRequiresGradient(true);
            DeferredParameterServer server = new DeferredParameterServer(recorder);
            server.update("noted-then-failed", new NDArray[] {w});
            server.clear();
            server.update("p", new NDArray[] {w});
            server.flush();
            server.flush();
        }
        assertThat(updated).containsExactly("p");
    }

    /**
     * The discriminator's trainable weights after {@value #STEPS} steps with {@code optimizer} (null:
     * none taken), each update by the network or, with {@code viaDjl}, by DJL's local server driving a
     * second Adam of the same settings.
     */
    private static List<float[]> train(String optimizer, boolean viaDjl) {
        String name = optimizer == null ? "djl-adam" : optimizer;
        try (GanModel model = new GanModel(TestConfigs.tiny("d.optimizer=" + name,
                "d.lr=1e-3", "d.widths=8,8"), new int[] {2}); NDManager m = model.manager().newSubManager()) {
            Network d = model.discriminator();
            AdamOptimizer reference = new AdamOptimizer(1e-3, 0.8, 0.999, 1e-8);
            NDArray x = m.create(new float[] {1f, 2f, -0.5f, 0.25f, 3f, -1f}, new Shape(3, 2));
            for (int step = 0; step < (optimizer == null ? 0 : STEPS); step++) {
                try (NDManager scope = m.newSubManager()) {
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray out = d.forward(x, true);
                        // a different target each step, so the gradients change direction
                        collector.backward(Scalars.plus(out, step % 2 == 0 ? -1 : 2).square().sum());
                    }
                    if (viaDjl) {
                        try (LocalParameterServer server = new LocalParameterServer(reference)) {
                            for (Parameter p : d.parameters()) {
                                if (p.requiresGradient()) {
                                    server.update(p.getId(), new NDArray[] {p.getArray()});
                                }
                            }
                        }
                        d.clearGradients();
                    } else {
                        d.update();
                    }
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
