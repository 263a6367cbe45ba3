package org.gantry.core.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gantry.core.nn.layer.LayersTest.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.gantry.core.engine.TorchEngine;
import org.gantry.random.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mixture's blocks against their members run one by one: each row is what its member makes of
 * the member's rows alone (batch statistics included), and gradients reach only the members whose
 * rows the loss reads.
 */
class ComponentRoutingTest {
    private static final int NOISE = 3;
    private static final int MEMBERS = 3;
    private static final long[] COMPONENT = {2, 0, 1, 0, 2, 2, 1, 0, 1, 0};

    @BeforeAll
    static void engine() {
        TorchEngine.start(1);
    }

    /** A dense layer then batch norm: in training mode each row's output depends on its batch. */
    private static Block member() {
        return new LayerSequence().add(new DenseLayer(NOISE, 4, WeightForm.PLAIN)).add(new BatchNormLayer(4, true));
    }

    private static List<Block> members() {
        return List.of(member(), member(), member());
    }

    private static float[] latent() {
        Rng rng = new Rng(3);
        float[] z = new float[COMPONENT.length * (NOISE + MEMBERS)];
        for (int i = 0; i < COMPONENT.length; i++) {
            for (int j = 0; j < NOISE; j++) {
                z[i * (NOISE + MEMBERS) + j] = (float) rng.gaussian();
            }
            z[i * (NOISE + MEMBERS) + NOISE + (int) COMPONENT[i]] = 1f;
        }
        return z;
    }

    /** Rows {@code rows} of the noise part of {@code z}. */
    private static NDArray noiseRows(NDManager m, float[] z, long[] rows) {
        float[] out = new float[rows.length * NOISE];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(z, (int) rows[i] * (NOISE + MEMBERS), out, i * NOISE, NOISE);
        }
        return m.create(out, new Shape(rows.length, NOISE));
    }

    private static long[] rowsOf(int k) {
        return java.util.stream.IntStream.range(0, COMPONENT.length).filter(i -> COMPONENT[i] == k)
                .mapToLong(i -> i).toArray();
    }

    @Test
    void eachRowIsItsMembersOutputOnTheMembersRowsAlone() {
        for (boolean training : new boolean[] {true, false}) {
            try (NDManager m = NDManager.newBaseManager()) {
                List<Block> members = members();
                ComponentGenerators mixture = new ComponentGenerators(NOISE, members);
                ParameterStore store = init(mixture, m, new Shape(2, NOISE + MEMBERS));
                float[] z = latent();
                float[] mixed = mixture.forward(store, new NDList(m.create(z, new Shape(COMPONENT.length,
                        NOISE + MEMBERS))), training).singletonOrThrow().toFloatArray();
                for (int k = 0; k < MEMBERS; k++) {
                    long[] rows = rowsOf(k);
                    float[] alone = members.get(k).forward(store, new NDList(noiseRows(m, z, rows)), training)
                            .singletonOrThrow().toFloatArray();
                    for (int r = 0; r < rows.length; r++) {
                        for (int j = 0; j < 4; j++) {
                            assertThat(mixed[(int) rows[r] * 4 + j]).as("training %s, row %d", training, rows[r])
                                    .isCloseTo(alone[r * 4 + j], within(1e-5f));
                        }
                    }
                }
            }
        }
    }

    @Test
    void gradientsReachOnlyTheMembersWhoseRowsTheLossReads() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Block> members = members();
            ComponentGenerators mixture = new ComponentGenerators(NOISE, members);
            ParameterStore store = init(mixture, m, new Shape(2, NOISE + MEMBERS));
            float[] z = latent();
            float[] weight = new float[COMPONENT.length * 4];
            for (int i = 0; i < COMPONENT.length; i++) {
                for (int j = 0; j < 4; j++) {
                    weight[i * 4 + j] = COMPONENT[i] == 1 ? (float) Math.sin(1 + i + 3 * j) : 0f;
                }
            }
            NDArray w = m.create(weight, new Shape(COMPONENT.length, 4));
            try (GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray y = mixture.forward(store, new NDList(m.create(z, new Shape(COMPONENT.length, NOISE + MEMBERS))),
                        true).singletonOrThrow();
                gc.backward(y.mul(w).sum());
            }
            float[][] viaMixture = gradients(members.get(1));
            assertThat(norm(gradients(members.get(0)))).isZero();
            assertThat(norm(gradients(members.get(2)))).isZero();
            assertThat(norm(viaMixture)).isPositive();
            // The same loss on member 1 run alone on its rows gives the same gradient.
            for (Parameter p : members.get(1).getParameters().values()) {
                if (p.requiresGradient()) {
                    TorchEngine.clearGradient(p);
                }
            }
            long[] rows = rowsOf(1);
            float[] mine = new float[rows.length * 4];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(weight, (int) rows[r] * 4, mine, r * 4, 4);
            }
            try (GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray y = members.get(1).forward(store, new NDList(noiseRows(m, z, rows)), true).singletonOrThrow();
                gc.backward(y.mul(m.create(mine, new Shape(rows.length, 4))).sum());
            }
            float[][] alone = gradients(members.get(1));
            for (int p = 0; p < alone.length; p++) {
                for (int i = 0; i < alone[p].length; i++) {
                    assertThat(viaMixture[p][i]).isCloseTo(alone[p][i], within(1e-5f));
                }
            }
        }
    }

    @Test
    void parallelCriticsJudgeEveryRowOrEachRowByItsOwnCritic() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Block> critics = List.of(critic(), critic(), critic());
            ParallelCritics parallel = new ParallelCritics(critics);
            ParameterStore store = init(parallel, m, new Shape(2, NOISE));
            float[] z = latent();
            long[] all = java.util.stream.LongStream.range(0, COMPONENT.length).toArray();
            NDArray x = noiseRows(m, z, all);
            float[] every = parallel.forward(store, new NDList(x), true).singletonOrThrow().toFloatArray();
            float[] oneHot = new float[COMPONENT.length * MEMBERS];
            for (int i = 0; i < COMPONENT.length; i++) {
                oneHot[i * MEMBERS + (int) COMPONENT[i]] = 1f;
            }
            float[] own = parallel.forward(store, new NDList(x, m.create(oneHot, new Shape(COMPONENT.length, MEMBERS))),
                    true).singletonOrThrow().toFloatArray();
            assertThat(own).hasSize(COMPONENT.length);
            for (int k = 0; k < MEMBERS; k++) {
                float[] alone = critics.get(k).forward(store, new NDList(x), true).singletonOrThrow().toFloatArray();
                long[] rows = rowsOf(k);
                float[] onOwnRows = critics.get(k).forward(store, new NDList(noiseRows(m, z, rows)), true)
                        .singletonOrThrow().toFloatArray();
                for (int i = 0; i < COMPONENT.length; i++) {
                    assertThat(every[i * MEMBERS + k]).isCloseTo(alone[i], within(1e-5f));
                }
                for (int r = 0; r < rows.length; r++) {
                    assertThat(own[(int) rows[r]]).isCloseTo(onOwnRows[r], within(1e-5f));
                }
            }
        }
    }

    /** Batch norm before the logit, so that a critic's output on a row depends on the rows it is judged with. */
    private static Block critic() {
        return new LayerSequence().add(new DenseLayer(NOISE, 4, WeightForm.PLAIN)).add(new BatchNormLayer(4, true))
                .add(new DenseLayer(4, 1, WeightForm.PLAIN));
    }

    private static float[][] gradients(Block b) {
        return b.getParameters().values().stream().filter(Parameter::requiresGradient)
                .map(p -> p.getArray().getGradient().toFloatArray())
                .toArray(float[][]::new);
    }

    private static double norm(float[][] g) {
        double s = 0;
        for (float[] a : g) {
            for (float v : a) {
                s += v * (double) v;
            }
        }
        return Math.sqrt(s);
    }
}
