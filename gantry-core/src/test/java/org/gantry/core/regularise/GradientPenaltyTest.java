package org.gantry.core.regularise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.nn.layer.DenseLayer;
import org.gantry.core.nn.layer.Initialisation;
import org.gantry.core.nn.layer.LayerSequence;
import org.gantry.core.nn.layer.Layers;
import org.gantry.core.nn.layer.WeightForm;
import org.gantry.random.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gradient penalties through double back-propagation: their parameter gradients against closed
 * forms on a linear critic and against central finite differences on a small tanh network.
 */
class GradientPenaltyTest {
    private static final Shape BATCH = new Shape(4, 3);

    @BeforeAll
    static void engine() {
        TorchEngine.start(1);
    }

    /** A critic block, its parameters and a fixed real and fake batch. */
    private record Setup(NDManager m, Block block, ParameterStore store, List<Parameter> parameters, NDArray real,
            NDArray fake) {
        PenaltyInputs inputs(long seed) {
            return new PenaltyInputs(x -> block.forward(store, new NDList(x), true).singletonOrThrow(), real, fake,
                    new Rng(seed));
        }
    }

    private static Setup setup(NDManager m, Block block) {
        block.initialize(m, DataType.FLOAT32, BATCH);
        Initialisation.pytorchDefault(block, new Rng(3));
        List<Parameter> ps = new ArrayList<>();
        block.getParameters().forEach(p -> ps.add(p.getValue()));
        Rng rng = new Rng(11);
        return new Setup(m, block, new ParameterStore(m, false), ps, m.create(gaussian(rng, 12), BATCH),
                m.create(gaussian(rng, 12), BATCH));
    }

    private static float[] gaussian(Rng rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.gaussian();
        }
        return v;
    }

    /** The penalty's value and every parameter's gradient, from one step scope. */
    private static float[][] valueAndGradients(Setup s, GradientPenalty penalty) {
        try (NDManager step = s.m().newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray real = s.real().duplicate();
            NDArray fake = s.fake().duplicate();
            real.attach(step);
            fake.attach(step);
            Setup scoped = new Setup(step, s.block(), s.store(), s.parameters(), real, fake);
            NDArray p = penalty.discriminatorPenalty(scoped.inputs(5));
            float value = p.getFloat();
            collector.backward(p);
            float[][] out = new float[s.parameters().size() + 1][];
            out[0] = new float[] {value};
            for (int i = 0; i < s.parameters().size(); i++) {
                Parameter param = s.parameters().get(i);
                try (NDArray g = param.getArray().getGradient()) {
                    out[i + 1] = g.toFloatArray();
                }
                TorchEngine.clearGradient(param);
            }
            return out;
        }
    }

    private static void set(NDManager m, Parameter p, float[] values) {
        try (NDArray v = m.create(values, p.getArray().getShape())) {
            TorchEngine.assign(p.getArray(), v);
        }
    }

    @Test
    void onALinearCriticR1IsHalfGammaTimesTheSquaredWeightNormAndItsGradientGammaW() {
        try (NDManager m = NDManager.newBaseManager()) {
            Setup s = setup(m, new DenseLayer(3, 1, WeightForm.PLAIN));
            float[] w = {0.5f, -1.0f, 2.0f};
            Parameter weight = s.parameters().stream().filter(p -> p.getName().contains("weight")).findFirst().orElseThrow();
            set(m, weight, w);
            int wi = s.parameters().indexOf(weight);
            double norm2 = 0.25 + 1 + 4;
            float[][] r1 = valueAndGradients(s, new R1Penalty(3.0));
            assertThat(r1[0][0]).isCloseTo((float) (1.5 * norm2), within(1e-4f));
            for (int j = 0; j < 3; j++) {
                assertThat(r1[wi + 1][j]).isCloseTo(3.0f * w[j], within(1e-4f));
            }
            // The bias does not move the input gradient; a leftover from the inner backward would show here.
            assertThat(r1[2 - wi][0]).isCloseTo(0f, within(1e-6f));

            double norm = Math.sqrt(norm2);
            float[][] gp = valueAndGradients(s, new WganGpPenalty(2.0));
            assertThat(gp[0][0]).isCloseTo((float) (2.0 * (norm - 1) * (norm - 1)), within(1e-4f));
            for (int j = 0; j < 3; j++) {
                assertThat(gp[wi + 1][j]).isCloseTo((float) (2 * 2.0 * (norm - 1) * w[j] / norm), within(1e-4f));
            }
        }
    }

    @Test
    void everyPenaltysParameterGradientMatchesCentralFiniteDifferences() {
        List<Supplier<GradientPenalty>> penalties = List.of(() -> new R1Penalty(1.0), () -> new R2Penalty(1.0),
                () -> new WganGpPenalty(1.0), () -> new DraganPenalty(1.0));
        for (Supplier<GradientPenalty> make : penalties) {
            try (NDManager m = NDManager.newBaseManager()) {
                Block critic = new LayerSequence().add(new DenseLayer(3, 5, WeightForm.PLAIN)).add(Layers.tanh())
                        .add(new DenseLayer(5, 1, WeightForm.PLAIN));
                Setup s = setup(m, critic);
                GradientPenalty penalty = make.get();
                float[][] analytic = valueAndGradients(s, penalty);
                double h = 5e-3;
                for (int pi = 0; pi < s.parameters().size(); pi++) {
                    Parameter p = s.parameters().get(pi);
                    float[] base = p.getArray().toFloatArray();
                    for (int j = 0; j < base.length; j += 2) {
                        float[] plus = base.clone();
                        float[] minus = base.clone();
                        plus[j] += (float) h;
                        minus[j] -= (float) h;
                        set(m, p, plus);
                        double fPlus = valueAndGradients(s, penalty)[0][0];
                        set(m, p, minus);
                        double fMinus = valueAndGradients(s, penalty)[0][0];
                        set(m, p, base);
                        double numeric = (fPlus - fMinus) / (2 * h);
                        assertThat((double) analytic[pi + 1][j])
                                .as("%s, %s[%d]", penalty.getClass().getSimpleName(), p.getName(), j)
                                .isCloseTo(numeric, within(1e-2 + 2e-2 * Math.abs(numeric)));
                    }
                }
            }
        }
    }
}
