package org.gantry.core.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.core.nn.layer.LayersTest.init;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.gantry.core.engine.TorchEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A mixture's members' weights are stored with it, and a mixture stored before they existed still loads. */
class MemberWeightsStorageTest {
    private static final int NOISE = 3;
    private static final int MEMBERS = 3;

    @BeforeAll
    static void engine() {
        TorchEngine.start(1);
    }

    private static List<Block> members() {
        return List.of(new DenseLayer(NOISE, 4, WeightForm.PLAIN), new DenseLayer(NOISE, 4, WeightForm.PLAIN),
                new DenseLayer(NOISE, 4, WeightForm.PLAIN));
    }

    /** A mixture as stored before 751254b: block version 1, the members and nothing of its own. */
    private static final class MixtureWithoutWeights extends Layer {
        MixtureWithoutWeights(List<Block> generators) {
            for (int k = 0; k < generators.size(); k++) {
                addChildBlock("component" + k, generators.get(k));
            }
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            for (Block child : getChildren().values()) {
                child.initialize(manager, dataType, new Shape(inputShapes[0].get(0), NOISE));
            }
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            throw new UnsupportedOperationException();
        }
    }

    private static float[] weights(Block b) {
        return LayersTest.param(b, ComponentGenerators.WEIGHTS).getArray().toFloatArray();
    }

    /** Every trained value of the members, in parameter order. */
    private static float[] memberValues(Block b) {
        NDList flat = new NDList();
        for (Parameter p : b.getParameters().values()) {
            if (p.requiresGradient()) {
                flat.add(p.getArray().flatten());
            }
        }
        return NDArrays.concat(flat).toFloatArray();
    }

    @Test
    void weightsSetByHandSurviveSavingAndLoading() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ComponentGenerators source = new ComponentGenerators(NOISE, members());
            init(source, m, new Shape(2, NOISE + MEMBERS));
            LayersTest.param(source, ComponentGenerators.WEIGHTS).getArray().set(new float[] {0.5f, 2f, 0.25f});
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            source.saveParameters(new DataOutputStream(bytes));
            ComponentGenerators target = new ComponentGenerators(NOISE, members());
            target.initialize(m, DataType.FLOAT32, new Shape(2, NOISE + MEMBERS));
            target.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertThat(weights(target)).containsExactly(0.5f, 2f, 0.25f);
            assertThat(memberValues(target)).containsExactly(memberValues(source));
        }
    }

    @Test
    void aMixtureStoredWithoutWeightsLoadsItsMembersWithWeightsAlike() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            MixtureWithoutWeights old = new MixtureWithoutWeights(members());
            init(old, m, new Shape(2, NOISE + MEMBERS));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            old.saveParameters(new DataOutputStream(bytes));
            ComponentGenerators target = new ComponentGenerators(NOISE, members());
            target.initialize(m, DataType.FLOAT32, new Shape(2, NOISE + MEMBERS));
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
            target.loadParameters(m, in);
            assertThat(in.available()).isZero();
            assertThat(weights(target)).containsExactly(1f, 1f, 1f);
            assertThat(memberValues(target)).containsExactly(memberValues(old));
        }
    }
}
