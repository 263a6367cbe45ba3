package org.gantry.core.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.gantry.core.engine.TorchEngine;
import org.gantry.random.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MaxoutPiecesTest {
    private static final int N = 6;
    private static final int IN = 3;
    private static final int UNITS = 4;
    private static final int PIECES = 5;

    @BeforeAll
    static void engine() {
        TorchEngine.start(1);
    }

    private static double[] gaussians(long seed, int count) {
        return MinibatchDiscriminationTest.gaussians(seed, count, 1);
    }

    private static float[] floats(double[] values) {
        return MinibatchDiscriminationTest.floats(values);
    }

    private static MaxoutPieces layer(NDManager m, double[] w, double[] b) {
        MaxoutPieces layer = new MaxoutPieces(IN, UNITS, PIECES, WeightForm.PLAIN);
        layer.initialize(m, DataType.FLOAT32, new Shape(N, IN));
        try (NDArray wv = m.create(floats(w), new Shape(UNITS * PIECES, IN));
                NDArray bv = m.create(floats(b), new Shape(UNITS * PIECES))) {
            TorchEngine.assign(LayersTest.param(layer, "weight").getArray(), wv);
            TorchEngine.assign(LayersTest.param(layer, "bias").getArray(), bv);
        }
        return layer;
    }

    private static NDArray maxout(Block pieces, ParameterStore store, NDArray x) {
        return MaxoutPieces.maximum(LayersTest.run(pieces, store, x, true), UNITS, PIECES);
    }

    /** Piece p of unit u on example n, in double precision: row p·UNITS + u of the piece-major weight. */
    private static double piece(double[] w, double[] b, double[] x, int n, int u, int p) {
        int row = p * UNITS + u;
        double v = b[row];
        for (int i = 0; i < IN; i++) {
            v += w[row * IN + i] * x[n * IN + i];
        }
        return v;
    }

    private static int argmax(double[] w, double[] b, double[] x, int n, int u) {
        int best = 0;
        for (int p = 1; p < PIECES; p++) {
            if (piece(w, b, x, n, u, p) > piece(w, b, x, n, u, best)) {
                best = p;
            }
        }
        return best;
    }

    @Test
    void valuesAndGradientsAreEachUnitsLargestPieceWorkedOutByHand() {
        double[] w = gaussians(1, UNITS * PIECES * IN);
        double[] b = gaussians(2, UNITS * PIECES);
        double[] x = gaussians(3, N * IN);
        double[] c = gaussians(4, N * UNITS);
        try (NDManager m = NDManager.newBaseManager()) {
            MaxoutPieces layer = layer(m, w, b);
            NDArray xs = m.create(floats(x), new Shape(N, IN));
            xs.setRequiresGradient(true);
            float[] y;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = maxout(layer, new ParameterStore(m, false), xs);
                y = out.toFloatArray();
                collector.backward(out.mul(m.create(floats(c), new Shape(N, UNITS))).sum());
            }
            double[] gw = new double[w.length];
            double[] gb = new double[b.length];
            double[] gx = new double[x.length];
            for (int n = 0; n < N; n++) {
                for (int u = 0; u < UNITS; u++) {
                    int p = argmax(w, b, x, n, u);
                    assertThat((double) y[n * UNITS + u]).isCloseTo(piece(w, b, x, n, u, p), within(1e-5));
                    int row = p * UNITS + u;
                    double cu = c[n * UNITS + u];
                    gb[row] += cu;
                    for (int i = 0; i < IN; i++) {
                        gw[row * IN + i] += cu * x[n * IN + i];
                        gx[n * IN + i] += cu * w[row * IN + i];
                    }
                }
            }
            assertClose(LayersTest.param(layer, "weight").getArray().getGradient().toFloatArray(), gw);
            assertClose(LayersTest.param(layer, "bias").getArray().getGradient().toFloatArray(), gb);
            assertClose(xs.getGradient().toFloatArray(), gx);
        }
    }

    private static void assertClose(float[] got, double[] want) {
        assertThat(got).hasSize(want.length);
        for (int i = 0; i < want.length; i++) {
            assertThat((double) got[i]).as("element %d", i).isCloseTo(want[i], within(1e-5));
        }
    }

    @Test
    void tiesGoToTheFirstPieceInValueAndGradient() {
        // Every piece of a unit equal: the gradient must reach piece 0 alone, as ATen's max over an axis gives it.
        double[] w = new double[UNITS * PIECES * IN];
        double[] b = new double[UNITS * PIECES];
        for (int row = 0; row < b.length; row++) {
            b[row] = row % UNITS;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            MaxoutPieces layer = layer(m, w, b);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = maxout(layer, new ParameterStore(m, false), m.create(floats(gaussians(5, N * IN)),
                        new Shape(N, IN)));
                assertThat(out.toFloatArray()).containsExactly(floats(repeat(new double[] {0, 1, 2, 3}, N)));
                collector.backward(out.sum());
            }
            float[] gb = LayersTest.param(layer, "bias").getArray().getGradient().toFloatArray();
            for (int row = 0; row < gb.length; row++) {
                assertThat(gb[row]).as("bias row %d", row).isEqualTo(row < UNITS ? N : 0f);
            }
        }
    }

    private static double[] repeat(double[] values, int times) {
        double[] out = new double[values.length * times];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i % values.length];
        }
        return out;
    }

    /** The maxout as Gantry computed it before: a dense layer's unit-major outputs, maximum over the last axis. */
    private static float[] unitMajorMaxout(DenseLayer dense, NDManager m, NDArray x) {
        NDArray out = LayersTest.run(dense, new ParameterStore(m, false), x, false);
        return out.reshape(N, UNITS, PIECES).max(new int[] {2}).toFloatArray();
    }

    private static DenseLayer seededDense(NDManager m, long seed) {
        DenseLayer dense = new DenseLayer(IN, (long) UNITS * PIECES, WeightForm.PLAIN);
        dense.initialize(m, DataType.FLOAT32, new Shape(N, IN));
        Initialisation.pytorchDefault(dense, new Rng(seed));
        return dense;
    }

    @Test
    void aSeedGivesTheNetworkTheUnitMajorDenseLayerGave() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(floats(gaussians(6, N * IN)), new Shape(N, IN));
            MaxoutPieces layer = new MaxoutPieces(IN, UNITS, PIECES, WeightForm.PLAIN);
            layer.initialize(m, DataType.FLOAT32, new Shape(N, IN));
            Initialisation.pytorchDefault(layer, new Rng(11));
            float[] before = unitMajorMaxout(seededDense(m, 11), m, x);
            assertThat(MaxoutPieces.maximum(LayersTest.run(layer, new ParameterStore(m, false), x, false), UNITS,
                    PIECES).toFloatArray()).containsExactly(before);
        }
    }

    private static byte[] saved(Block block) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    private static MaxoutPieces loaded(NDManager m, byte[] bytes) throws IOException, MalformedModelException {
        MaxoutPieces layer = new MaxoutPieces(IN, UNITS, PIECES, WeightForm.PLAIN);
        layer.initialize(m, DataType.FLOAT32, new Shape(N, IN));
        layer.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes)));
        return layer;
    }

    @Test
    void readsItsOwnCheckpointsAndTheUnitMajorOnesOfTheDenseLayerBefore() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(floats(gaussians(7, N * IN)), new Shape(N, IN));
            DenseLayer dense = seededDense(m, 13);
            float[] before = unitMajorMaxout(dense, m, x);
            MaxoutPieces fromDense = loaded(m, saved(dense));
            assertThat(maxout(fromDense, new ParameterStore(m, false), x).toFloatArray()).containsExactly(before);
            MaxoutPieces again = loaded(m, saved(fromDense));
            assertThat(maxout(again, new ParameterStore(m, false), x).toFloatArray()).containsExactly(before);

            // State kept per parameter elsewhere (optimizer moments) follows with the reorders the load reports, once.
            Map<String, Consumer<NDArray>> reorders = fromDense.takeReorders();
            assertThat(reorders).containsOnlyKeys(LayersTest.param(fromDense, "weight").getId(),
                    LayersTest.param(fromDense, "bias").getId());
            for (String name : new String[] {"weight", "bias"}) {
                NDArray state = LayersTest.param(dense, name).getArray().duplicate();
                reorders.get(LayersTest.param(fromDense, name).getId()).accept(state);
                assertThat(state.toFloatArray()).containsExactly(
                        LayersTest.param(fromDense, name).getArray().toFloatArray());
            }
            assertThat(fromDense.takeReorders()).isEmpty();
            assertThat(again.takeReorders()).isEmpty();

            byte[] unknown = saved(fromDense);
            unknown[0] = 9;
            assertThatThrownBy(() -> loaded(m, unknown)).isInstanceOf(MalformedModelException.class)
                    .hasMessageContaining("block version 9").hasMessageContaining("versions 1 (unit-major pieces) and 2");
        }
    }
}
