package org.gantry.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.gantry.config.Config;
import org.gantry.core.TestConfigs;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.Network;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.data.EpochSampler;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * Each dynamics' parameter update against an independent computation: the second-order terms
 * (∇½‖v‖², ∇‖∇_ψV‖², ∇‖∇_θL_G‖²) by central finite differences of quantities built from plain
 * first-order gradients, and RK4 by stages written out here. Tiny tanh networks (smooth, so finite
 * differences are accurate), fixed batches, SGD with learning rate 0.5, no momentum.
 */
class DynamicsMathTest {
    private static final float LR = 0.5f;
    private static final int BATCH = 6;

    /** The same real and latent batch at every draw, so every evaluation sees the same objective. */
    private static final class FixedInputs implements StepInputs {
        private final float[] real;
        private final float[] latent;
        private final Rng rng = new Rng(9);

        FixedInputs(long seed) {
            Rng r = new Rng(seed);
            real = new float[BATCH * 2];
            latent = new float[BATCH * 2];
            r.fillGaussian(real);
            r.fillGaussian(latent);
        }

        @Override
        public NDArray real(NDManager m) {
            return m.create(real, new ai.djl.ndarray.types.Shape(BATCH, 2));
        }

        @Override
        public NDArray latent(NDManager m) {
            return m.create(latent, new ai.djl.ndarray.types.Shape(BATCH, 2));
        }

        @Override
        public Rng noise() {
            return rng;
        }
    }

    private record Setup(GanModel model, Players players, FixedInputs inputs) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    private static Setup setup(String... sets) {
        List<String> all = new ArrayList<>(List.of("g.widths=5", "g.norm=none", "g.activation=tanh", "d.widths=5",
                "d.activation=tanh", "train.batch=" + BATCH, "g.optimizer=sgd", "g.lr=" + LR, "d.optimizer=sgd",
                "d.lr=" + LR));
        all.addAll(List.of(sets));
        Config c = TestConfigs.tiny(all.toArray(String[]::new));
        GanModel model = new GanModel(c, new int[] {2});
        Dataset data = DataSets.create(c);
        GanTrainer trainer = GanTrainer.create(c, model, data, new EpochSampler(data.size(), new Rng(1)), new Rng(2));
        return new Setup(model, trainer.players(), new FixedInputs(4));
    }

    private static TrainingDynamics dynamics(String... sets) {
        Config c = TestConfigs.tiny(sets);
        return Dynamics.REGISTRY.create(c.get(Dynamics.NAME), c);
    }

    // ---- reading and writing all trained parameters as one vector

    private static List<NDArray> state(Setup s) {
        List<NDArray> all = new ArrayList<>(s.model().generator().trainableArrays());
        all.addAll(s.model().discriminator().trainableArrays());
        return all;
    }

    private static int generatorSize(Setup s) {
        int n = 0;
        for (NDArray a : s.model().generator().trainableArrays()) {
            n += (int) a.size();
        }
        return n;
    }

    private static double[] read(Setup s) {
        List<Double> out = new ArrayList<>();
        for (NDArray a : state(s)) {
            for (float v : a.toFloatArray()) {
                out.add((double) v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void write(Setup s, double[] values) {
        int at = 0;
        for (NDArray a : state(s)) {
            float[] v = new float[(int) a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) values[at++];
            }
            try (NDManager m = NDManager.newBaseManager(); NDArray src = m.create(v, a.getShape())) {
                TorchEngine.assign(a, src);
            }
        }
    }

    /** The joint field v = (∇_θ L_G, ∇_ψ L_D) from plain first-order gradients, as one vector. */
    private static double[] field(Setup s) {
        try (NDManager m = s.model().manager().newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            JointGradients v = JointGradients.compute(s.players(), s.inputs(), m, false);
            return flatten(v.generator(), v.discriminator());
        }
    }

    /** ‖∇_θ L_G‖² at the current parameters (first-order). */
    private static double generatorGradientNorm(Setup s) {
        double[] v = field(s);
        return squaredNorm(v, 0, generatorSize(s));
    }

    /** ‖∇_ψ L_D‖² at the current parameters (first-order). */
    private static double discriminatorGradientNorm(Setup s) {
        double[] v = field(s);
        return squaredNorm(v, generatorSize(s), v.length);
    }

    private static double squaredNorm(double[] v, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += v[i] * v[i];
        }
        return sum;
    }

    private static double[] flatten(NDList a, NDList b) {
        List<Double> out = new ArrayList<>();
        for (NDList list : List.of(a, b)) {
            for (NDArray x : list) {
                for (float v : x.toFloatArray()) {
                    out.add((double) v);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Central differences of f with respect to every parameter coordinate. */
    private static double[] finiteGradient(Setup s, ToDoubleFunction<Setup> f) {
        double[] x = read(s);
        double[] g = new double[x.length];
        double h = 3e-3;
        for (int i = 0; i < x.length; i++) {
            double[] p = x.clone();
            p[i] = x[i] + h;
            write(s, p);
            double up = f.applyAsDouble(s);
            p[i] = x[i] - h;
            write(s, p);
            double down = f.applyAsDouble(s);
            g[i] = (up - down) / (2 * h);
        }
        write(s, x);
        return g;
    }

    private static void assertClose(double[] actual, double[] expected, double tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        double scale = 0;
        double err = 0;
        for (int i = 0; i < actual.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            err = Math.max(err, Math.abs(actual[i] - expected[i]));
        }
        assertThat(err).as("max error (scale %s)", scale).isLessThan(tolerance * Math.max(scale, 1e-3));
    }

    // ---- the tests

    @Test
    void consensusStepsAlongVPlusGammaGradientOfHalfSquaredNorm() {
        try (Setup s = setup()) {
            double gamma = 0.7;
            double[] s0 = read(s);
            double[] v = field(s);
            double[] gradL = finiteGradient(s, x -> {
                double[] f = field(x);
                return squaredNorm(f, 0, f.length) / 2;
            });
            new ConsensusUpdates(gamma).step(s.players(), s.inputs(), 0);
            double[] expected = new double[s0.length];
            for (int i = 0; i < s0.length; i++) {
                expected[i] = s0[i] - LR * (v[i] + gamma * gradL[i]);
            }
            assertClose(read(s), expected, 2e-3);
        }
    }

    @Test
    void gradientRegularisedGeneratorDescendsLossPlusEtaTimesSquaredDiscriminatorGradient() {
        try (Setup s = setup()) {
            double eta = 0.8;
            int nG = generatorSize(s);
            double[] s0 = read(s);
            double[] v0 = field(s);
            new GradientRegularisedUpdates(eta).step(s.players(), s.inputs(), 0);
            double[] s1 = read(s);
            // The discriminator's step is an ordinary one, first.
            double[] dExpected = new double[s0.length - nG];
            for (int i = nG; i < s0.length; i++) {
                dExpected[i - nG] = s0[i] - LR * v0[i];
            }
            assertClose(java.util.Arrays.copyOfRange(s1, nG, s1.length), dExpected, 1e-4);
            // The generator then steps at (θ0, ψ1).
            double[] mid = s1.clone();
            System.arraycopy(s0, 0, mid, 0, nG);
            write(s, mid);
            double[] v = field(s);
            double[] gradPenalty = finiteGradient(s, DynamicsMathTest::discriminatorGradientNorm);
            double[] gExpected = new double[nG];
            for (int i = 0; i < nG; i++) {
                gExpected[i] = s0[i] - LR * (v[i] + eta * gradPenalty[i]);
            }
            assertClose(java.util.Arrays.copyOf(s1, nG), gExpected, 2e-3);
        }
    }

    @Test
    void odeEulerStepAddsTheRegulariserToTheDiscriminatorsField() {
        try (Setup s = setup()) {
            double h = 0.3;
            double lambda = 0.6;
            int nG = generatorSize(s);
            double[] s0 = read(s);
            double[] v = field(s);
            double[] gradPenalty = finiteGradient(s, DynamicsMathTest::generatorGradientNorm);
            new OdeUpdates(ButcherTableau.EULER, h, 0, h, lambda).step(s.players(), s.inputs(), 0);
            double[] expected = new double[s0.length];
            for (int i = 0; i < s0.length; i++) {
                expected[i] = s0[i] - h * (v[i] + (i >= nG ? lambda * gradPenalty[i] : 0));
            }
            assertClose(read(s), expected, 2e-3);
        }
    }

    @Test
    void odeRk4MatchesStagesWrittenOut() {
        try (Setup s = setup()) {
            double h = 0.2;
            double[] s0 = read(s);
            double[] k1 = negate(field(s));
            write(s, axpy(s0, h / 2, k1));
            double[] k2 = negate(field(s));
            write(s, axpy(s0, h / 2, k2));
            double[] k3 = negate(field(s));
            write(s, axpy(s0, h, k3));
            double[] k4 = negate(field(s));
            double[] expected = s0.clone();
            for (int i = 0; i < s0.length; i++) {
                expected[i] += h * (k1[i] / 6 + k2[i] / 3 + k3[i] / 3 + k4[i] / 6);
            }
            write(s, s0);
            // A warm-up that still applies at step 0 sets the step size.
            new OdeUpdates(ButcherTableau.RK4, 99, 1, h, 0).step(s.players(), s.inputs(), 0);
            assertClose(read(s), expected, 1e-4);
        }
    }

    @Test
    void heunIsTheTrapezoidalRule() {
        try (Setup s = setup()) {
            double h = 0.25;
            double[] s0 = read(s);
            double[] k1 = negate(field(s));
            write(s, axpy(s0, h, k1));
            double[] k2 = negate(field(s));
            write(s, s0);
            new OdeUpdates(ButcherTableau.HEUN, h, 0, h, 0).step(s.players(), s.inputs(), 0);
            double[] expected = s0.clone();
            for (int i = 0; i < s0.length; i++) {
                expected[i] += h * (k1[i] + k2[i]) / 2;
            }
            assertClose(read(s), expected, 1e-4);
        }
    }

    @Test
    void distillationRegressesTheGeneratorOntoTheMovedSamples() {
        try (Setup s = setup()) {
            FunctionalGradientUpdates fgl = new FunctionalGradientUpdates(2, 0.3, 1, 1);
            int nG = generatorSize(s);
            double[] s0 = read(s);
            float[] target;
            try (NDManager m = s.model().manager().newSubManager()) {
                Network g = s.players().generator();
                target = fgl.moved(s.players().discriminator(), g.forward(s.inputs().latent(m), true)).toFloatArray();
            }
            // ½‖G(z) − x_T‖² / B with the moved samples x_T held fixed, as a function of the parameters.
            ToDoubleFunction<Setup> distance = x -> {
                try (NDManager m = x.model().manager().newSubManager()) {
                    float[] out = x.players().generator().forward(x.inputs().latent(m), true).toFloatArray();
                    double sum = 0;
                    for (int i = 0; i < out.length; i++) {
                        sum += (out[i] - target[i]) * (double) (out[i] - target[i]);
                    }
                    return sum / (2 * BATCH);
                }
            };
            double before = distance.applyAsDouble(s);
            double[] grad = finiteGradient(s, distance);
            double reported = fgl.distil(s.players(), s.inputs());
            double[] expected = s0.clone();
            for (int i = 0; i < nG; i++) {
                expected[i] -= LR * grad[i];
            }
            assertThat(reported).isCloseTo(before, within(1e-5 * Math.max(before, 1)));
            assertClose(read(s), expected, 2e-3);
        }
    }

    @Test
    void registryBuildsEveryDynamicsFromItsSettings() {
        assertThat(dynamics("dynamics.name=alternating")).isInstanceOf(AlternatingUpdates.class);
        assertThat(dynamics("dynamics.name=gradient_regularised")).isInstanceOf(GradientRegularisedUpdates.class);
        assertThat(dynamics("dynamics.name=consensus")).isInstanceOf(ConsensusUpdates.class);
        assertThat(dynamics("dynamics.name=ode", "dynamics.solver=heun")).isInstanceOf(OdeUpdates.class);
        assertThat(dynamics("dynamics.name=functional_gradient")).isInstanceOf(FunctionalGradientUpdates.class);
    }

    private static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    private static double[] axpy(double[] x, double a, double[] y) {
        double[] out = x.clone();
        for (int i = 0; i < x.length; i++) {
            out[i] += a * y[i];
        }
        return out;
    }
}
