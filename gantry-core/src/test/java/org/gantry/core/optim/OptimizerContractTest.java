package org.gantry.core.optim;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gantry.config.Config;
import org.gantry.config.Registry;
import org.gantry.core.TestConfigs;
import org.junit.jupiter.api.Test;

/**
 * Runs over the optimizer registry, so a new optimizer is held to these without a new test: a
 * network may hand it all parameters at once or one by one with the same result, and its state
 * written to a checkpoint resumes exactly.
 */
class OptimizerContractTest {
    private static final Shape[] SHAPES = {new Shape(4, 3), new Shape(3), new Shape(1)};
    private static final List<String> IDS = List.of("a", "b", "c");

    private static final Registry<StatefulOptimizer> REGISTRY = OptimizerSettings.DISCRIMINATOR.registry;

    @Test
    void updatingAllParametersTogetherEqualsUpdatingThemOneByOne() {
        Config c = TestConfigs.tiny("d.lr=0.01");
        for (String name : REGISTRY.names()) {
            try (NDManager m = NDManager.newBaseManager()) {
                StatefulOptimizer together = REGISTRY.create(name, c);
                StatefulOptimizer single = REGISTRY.create(name, c);
                List<NDArray> a = weights(m, 1);
                List<NDArray> b = copies(a);
                SplittableRandom random = new SplittableRandom(2);
                for (int step = 0; step < 4; step++) {
                    List<NDArray> grads = gradients(m, random);
                    together.updateAll(IDS, a, grads);
                    for (int i = 0; i < IDS.size(); i++) {
                        single.update(IDS.get(i), b.get(i), grads.get(i));
                    }
                }
                for (int i = 0; i < IDS.size(); i++) {
                    assertThat(a.get(i).toFloatArray()).as("%s, parameter %s", name, IDS.get(i))
                            .containsExactly(b.get(i).toFloatArray())
                            .isNotEqualTo(weights(m, 1).get(i).toFloatArray());
                }
            }
        }
    }

    @Test
    void stateWrittenToACheckpointResumesExactly() throws Exception {
        Config c = TestConfigs.tiny("d.lr=0.01");
        for (String name : REGISTRY.names()) {
            try (NDManager m = NDManager.newBaseManager()) {
                StatefulOptimizer first = REGISTRY.create(name, c);
                // stable names: what an optimizer derives per parameter (SGHMC's noise) follows them
                first.nameParameters(Map.of("a", "w_a", "b", "w_b", "c", "w_c"));
                List<NDArray> a = weights(m, 3);
                SplittableRandom random = new SplittableRandom(4);
                for (int step = 0; step < 3; step++) {
                    first.updateAll(IDS, a, gradients(m, random));
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                first.save(new DataOutputStream(bytes), Map.of("a", "w_a", "b", "w_b", "c", "w_c"));
                StatefulOptimizer resumed = REGISTRY.create(name, c);
                List<String> newIds = List.of("x", "y", "z");
                resumed.nameParameters(Map.of("x", "w_a", "y", "w_b", "z", "w_c"));
                resumed.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                        Map.of("w_a", "x", "w_b", "y", "w_c", "z"), m);
                List<NDArray> b = copies(a);
                List<NDArray> grads = gradients(m, random);
                first.updateAll(IDS, a, grads);
                resumed.updateAll(newIds, b, grads);
                for (int i = 0; i < IDS.size(); i++) {
                    assertThat(b.get(i).toFloatArray()).as("%s, parameter %s", name, IDS.get(i))
                            .containsExactly(a.get(i).toFloatArray());
                }
            }
        }
    }

    private static List<NDArray> weights(NDManager m, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<NDArray> out = new ArrayList<>();
        for (Shape s : SHAPES) {
            out.add(m.create(values(random, (int) s.size(), 1), s));
        }
        return out;
    }

    private static List<NDArray> gradients(NDManager m, SplittableRandom random) {
        List<NDArray> out = new ArrayList<>();
        for (Shape s : SHAPES) {
            out.add(m.create(values(random, (int) s.size(), 2), s));
        }
        return out;
    }

    private static float[] values(SplittableRandom random, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * (random.nextDouble() - 0.5));
        }
        return v;
    }

    private static List<NDArray> copies(List<NDArray> arrays) {
        List<NDArray> out = new ArrayList<>();
        for (NDArray a : arrays) {
            out.add(a.duplicate());
        }
        return out;
    }
}
