package org.gantry.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import org.gantry.config.Config;
import org.gantry.core.TestConfigs;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.loss.Losses;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.Network;
import org.gantry.core.nn.Architectures;
import org.gantry.core.regularise.Regularisers;
import org.gantry.core.regularise.WeightClipping;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.data.EpochSampler;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

class GanTrainerTest {

    static GanTrainer trainer(GanModel model, Config c, Dataset data) {
        return GanTrainer.create(c, model, data, new EpochSampler(data.size(), new Rng(1)), new Rng(2));
    }

    static double gradientNorm(Network n) {
        double s = 0;
        for (Parameter p : n.parameters()) {
            if (p.requiresGradient()) {
                try (NDArray g = p.getArray().getGradient(); NDArray sq = g.square().sum()) {
                    s += sq.getFloat();
                }
            }
        }
        return s;
    }

    /** Without a regulariser and with each gradient penalty (double back-propagation). */
    static final String[] REGULARISERS = {"none", "r1", "r2", "wgan_gp", "dragan"};

    @Test
    void everyStepReportsItsLossesTermsWhichAddUpToThem() {
        String[][] cases = {
            {"dynamics.name=alternating", "regulariser.name=none"},
            {"dynamics.name=alternating", "regulariser.name=r1", "train.d_steps=2"},
            {"dynamics.name=gradient_regularised", "regulariser.name=none"},
            {"dynamics.name=consensus", "regulariser.name=wgan_gp", "loss.name=wgan"},
            {"dynamics.name=ode", "regulariser.name=none"},
            {"dynamics.name=functional_gradient", "regulariser.name=none"}};
        String[][] expected = {
            {"d_loss", "d_loss_real", "d_loss_fake", "g_loss"},
            {"d_loss", "d_loss_real", "d_loss_fake", "d_penalty", "g_loss"},
            {"d_loss", "d_loss_real", "d_loss_fake", "g_loss", "g_penalty"},
            {"d_loss", "d_loss_real", "d_loss_fake", "d_penalty", "g_loss"},
            {"d_loss", "d_loss_real", "d_loss_fake", "g_loss"},
            {"d_loss", "d_loss_real", "d_loss_fake", "g_loss"}};
        for (int i = 0; i < cases.length; i++) {
            Config c = TestConfigs.tiny(cases[i]);
            Dataset data = DataSets.create(c);
            try (GanModel model = new GanModel(c, new int[] {2}); GanTrainer t = trainer(model, c, data)) {
                for (int step = 1; step <= 3; step++) {
                    StepResult r = t.trainStep();
                    String name = String.join(" ", cases[i]) + " step " + step;
                    assertThat(r.values().keySet()).as(name).containsExactly(expected[i]);
                    double terms = r.values().get("d_loss_real") + r.values().get("d_loss_fake")
                            + r.values().getOrDefault("d_penalty", 0.0);
                    // d_loss is the float sum of the float terms: equal up to that sum's rounding.
                    assertThat(r.discriminatorLoss()).as(name)
                            .isCloseTo(terms, org.assertj.core.data.Offset.offset(1e-6 * (1 + Math.abs(terms))));
                    assertThat(r.finite()).as(name).isTrue();
                }
            }
        }
    }

    @Test
    void everyStepLeavesNoGradientBehind() {
        for (String reg : REGULARISERS) {
            Config c = TestConfigs.tiny("train.d_steps=2", "regulariser.name=" + reg);
            Dataset data = DataSets.create(c);
            try (GanModel model = new GanModel(c, new int[] {2})) {
                GanTrainer t = trainer(model, c, data);
                for (int i = 0; i < 3; i++) {
                    t.trainStep();
                    assertThat(gradientNorm(model.discriminator())).as(reg).isZero();
                    assertThat(gradientNorm(model.generator())).as(reg).isZero();
                    // A gradient that keeps autograd history chains every step's graph to the next: a leak.
                    for (Parameter p : model.discriminator().parameters()) {
                        assertThat(TorchEngine.gradientHasHistory(p)).as(reg + " " + p.getName()).isFalse();
                    }
                }
            }
        }
    }

    /** Every training dynamics and trick, with a gradient penalty where double back-propagation nests. */
    static final String[][] DYNAMICS = {{"dynamics.name=gradient_regularised"}, {"dynamics.name=consensus"},
        {"dynamics.name=consensus", "regulariser.name=r1"}, {"dynamics.name=ode", "dynamics.solver=rk4"},
        {"dynamics.name=ode", "regulariser.name=wgan_gp"}, {"dynamics.name=functional_gradient"},
        {"loss.generator_objective=feature_matching", "train.historical_averaging=0.1"},
        {"d.minibatch_kernels=4", "regulariser.name=r1"}};

    @Test
    void everyDynamicsLeavesNoGradientNorArrayBehind() {
        for (String[] sets : DYNAMICS) {
            String name = String.join(" ", sets);
            Config c = TestConfigs.tiny(sets);
            Dataset data = DataSets.create(c);
            try (GanModel model = new GanModel(c, new int[] {2})) {
                GanTrainer t = trainer(model, c, data);
                for (int i = 0; i < 5; i++) {
                    assertThat(t.trainStep().finite()).as(name).isTrue();
                }
                int before = model.manager().getManagedArrays().size();
                for (int i = 0; i < 100; i++) {
                    t.trainStep();
                }
                // Counted before reading gradients: DJL's getGradient leaves a handle on the parameter's manager.
                assertThat(model.manager().getManagedArrays()).as(name).hasSize(before);
                assertThat(gradientNorm(model.discriminator())).as(name).isZero();
                assertThat(gradientNorm(model.generator())).as(name).isZero();
                for (Parameter p : model.discriminator().parameters()) {
                    assertThat(TorchEngine.gradientHasHistory(p)).as(name + " " + p.getName()).isFalse();
                }
            }
        }
    }

    @Test
    void longRunCreatesNoLastingArrays() {
        for (String reg : REGULARISERS) {
            Config c = TestConfigs.tiny("train.ema=0.99", "regulariser.name=" + reg);
            Dataset data = DataSets.create(c);
            try (GanModel model = new GanModel(c, new int[] {2})) {
                GanTrainer t = trainer(model, c, data);
                for (int i = 0; i < 5; i++) {
                    t.trainStep();
                }
                int before = model.manager().getManagedArrays().size();
                for (int i = 0; i < 300; i++) {
                    t.trainStep();
                }
                assertThat(model.manager().getManagedArrays()).as(reg).hasSize(before);
            }
        }
    }

    @Test
    void everyPointArchitectureAndLossTrainsOneFiniteStep() {
        for (String g : new String[] {"mlp"}) {
            for (String d : new String[] {"mlp", "maxout"}) {
                for (String loss : Losses.REGISTRY.names()) {
                    for (String reg : Regularisers.REGISTRY.names()) {
                        Config c = TestConfigs.tiny("g.arch=" + g, "d.arch=" + d, "loss.name=" + loss,
                                "regulariser.name=" + reg);
                        try (GanModel model = new GanModel(c, new int[] {2})) {
                            StepResult r = trainer(model, c, DataSets.create(c)).trainStep();
                            assertThat(r.finite()).as("%s/%s/%s/%s", g, d, loss, reg).isTrue();
                            assertThat(model.generate(new float[2 * 3], 3)).hasSize(6);
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyFDivergenceTrainsFiniteStepsInBothGeneratorForms() {
        for (String divergence : org.gantry.core.loss.FDivergence.keys()) {
            for (String form : new String[] {"non_saturating", "saddle"}) {
                Config c = TestConfigs.tiny("loss.name=fgan", "loss.divergence=" + divergence,
                        "loss.fgan_generator=" + form);
                try (GanModel model = new GanModel(c, new int[] {2})) {
                    GanTrainer t = trainer(model, c, DataSets.create(c));
                    for (int i = 0; i < 5; i++) {
                        assertThat(t.trainStep().finite()).as("%s/%s", divergence, form).isTrue();
                    }
                    assertThat(model.allFinite()).as("%s/%s", divergence, form).isTrue();
                    t.close();
                }
            }
        }
    }

    static float[] flat(Network n, int i) {
        return n.parameters().get(i).getArray().toFloatArray();
    }

    @Test
    void averageGeneratorFollowsTheExponentialMovingAverage() {
        Config c = TestConfigs.tiny("train.ema=0.75");
        try (GanModel model = new GanModel(c, new int[] {2})) {
            assertThat(model.averageDiscriminator()).isNull();
            assertThat(model.evaluationDiscriminator()).isSameAs(model.discriminator());
            Network g = model.generator();
            Network avg = model.averageGenerator();
            for (int i = 0; i < g.parameters().size(); i++) {
                assertThat(flat(avg, i)).containsExactly(flat(g, i));
            }
            followsTheAverage(g, avg, 0.75, trainer(model, c, DataSets.create(c)));
            assertThat(avg.parameters().get(0).getArray().hasGradient()).isTrue();
        }
    }

    /** Salimans et al.'s semi-supervised code evaluates such an average discriminator. */
    @Test
    void averageDiscriminatorFollowsTheExponentialMovingAverageAndIsTheOneEvaluated() {
        Config c = TestConfigs.tiny("train.d_ema=0.75", "d.norm=weight");
        try (GanModel model = new GanModel(c, new int[] {2})) {
            assertThat(model.averageGenerator()).isNull();
            assertThat(model.networks()).containsKeys("d", "d_ema");
            assertThat(model.evaluationDiscriminator()).isSameAs(model.averageDiscriminator())
                    .isSameAs(model.network("d_ema"));
            // The first step sets d's weight-norm gains and biases from data; the average starts from them.
            followsTheAverage(model.discriminator(), model.averageDiscriminator(), 0.75,
                    trainer(model, c, DataSets.create(c)));
        }
    }

    @Test
    void aCheckpointWithAnotherAverageIsRefusedNamingItsKey() throws Exception {
        Config with = TestConfigs.tiny("train.d_ema=0.5");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (GanModel model = new GanModel(with, new int[] {2})) {
            model.save(new java.io.DataOutputStream(bytes));
        }
        try (GanModel model = new GanModel(TestConfigs.tiny("train.ema=0.5"), new int[] {2})) {
            assertThatThrownBy(() -> model.load(new java.io.DataInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()))))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("[g, d, d_ema]")
                    .hasMessageEndingWith(" (they disagree on train.d_ema) (they disagree on train.ema)");
        }
    }

    /** Over a training step, each trained parameter's average becomes d·(its average before) + (1−d)·(the new weight). */
    private static void followsTheAverage(Network net, Network avg, double decay, GanTrainer t) {
        t.trainStep();
        float[][] before = new float[net.parameters().size()][];
        for (int i = 0; i < before.length; i++) {
            before[i] = flat(avg, i);
        }
        t.trainStep();
        for (int i = 0; i < before.length; i++) {
            float[] w = flat(net, i);
            float[] e = flat(avg, i);
            boolean trained = net.parameters().get(i).requiresGradient();
            for (int j = 0; j < w.length; j++) {
                double expected = trained ? decay * before[i][j] + (1 - decay) * w[j] : w[j];
                assertThat((double) e[j]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
            }
            if (trained) {
                assertThat(e).as("parameter %d moved", i).isNotEqualTo(before[i]);
            }
        }
    }

    @Test
    void weightClippingBoundsEveryDiscriminatorWeight() {
        Config c = TestConfigs.tiny("loss.name=wgan", "regulariser.name=clip", "regulariser.clip=0.005", "d.lr=0.5");
        try (GanModel model = new GanModel(c, new int[] {2})) {
            trainer(model, c, DataSets.create(c)).trainStep();
            for (Parameter p : model.discriminator().parameters()) {
                try (NDArray abs = p.getArray().abs(); NDArray max = abs.max()) {
                    assertThat(max.getFloat()).isLessThanOrEqualTo(0.005f);
                }
            }
        }
        assertThat(WeightClipping.BOUND.defaultValue()).isEqualTo(0.01);
    }
}
