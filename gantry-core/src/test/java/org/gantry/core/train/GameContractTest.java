package org.gantry.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.TestConfigs;
import org.gantry.core.game.Game;
import org.gantry.core.game.Games;
import org.gantry.core.model.CriticInput;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.GeneratorOutput;
import org.gantry.core.model.Network;
import org.gantry.core.regularise.Regularisers;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.data.PointDataset;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/** Runs over the game registry, so a newly registered game is checked without a new test. */
class GameContractTest {

    /** Every trained parameter's gradient is zero: nothing a step computed is left to leak into the next. */
    static void assertNoLeftoverGradient(GanModel model, String what) {
        for (var e : model.networks().entrySet()) {
            for (Parameter p : e.getValue().parameters()) {
                if (p.requiresGradient()) {
                    try (NDArray g = p.getArray().getGradient(); NDArray a = g.abs().sum()) {
                        assertThat(a.getFloat()).as("%s: gradient of %s.%s", what, e.getKey(), p.getName()).isZero();
                    }
                }
            }
        }
    }

    /**
     * The tiny test configuration of {@code game}; a game that reads the generator's output as
     * probabilities gets the MLP generator's tanh output.
     */
    static Config config(String game, String... sets) {
        Config plain = TestConfigs.tiny("game.name=" + game);
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("game.name=" + game));
        if (Games.create(plain).generatorOutput() != GeneratorOutput.EXAMPLES) {
            all.add("g.output=tanh");
        }
        if (Games.create(plain).solvesCritic()) {
            all.add("d.arch=linear");
        }
        all.addAll(java.util.List.of(sets));
        return TestConfigs.tiny(all.toArray(String[]::new));
    }

    /**
     * The configuration's data, or for a game that draws black-or-white examples, the same number
     * of points with coordinates −1 or +1.
     */
    static Dataset data(Config c) {
        Dataset data = DataSets.create(c);
        if (Games.create(c).generatorOutput() == GeneratorOutput.EXAMPLES) {
            return data;
        }
        Rng rng = new Rng(17);
        float[] points = new float[data.size() * 2];
        for (int i = 0; i < points.length; i++) {
            points[i] = rng.uniform() < 0.3 ? 1f : -1f;
        }
        return new PointDataset("binary points", points, 2, null);
    }

    @Test
    void everyGameTakesStepsWithEveryDynamicsThatAppliesAndLeavesNothingBehind() {
        for (String game : Games.REGISTRY.names()) {
            for (String dynamics : Dynamics.REGISTRY.names()) {
                String what = game + "/" + dynamics;
                Config c = config(game, "dynamics.name=" + dynamics,
                        "dynamics.warmup_steps=1");
                try (GanModel model = Games.model(c, data(c))) {
                    GanTrainer t;
                    try {
                        t = GanTrainerTest.trainer(model, c, data(c));
                    } catch (ConfigException e) {
                        // Only a dynamics that replaces the generator's objective by one on d's logit alone may
                        // refuse a game, one with more critics, with heads or with class logits, and must say why.
                        var g = Games.create(c);
                        assertThat(g.critics().size() > 1 || !g.heads().isEmpty() || model.criticOutputs() > 1
                                || model.components() > 1
                                || model.generatorOutput() != GeneratorOutput.EXAMPLES || g.solvesCritic()
                                || g.encodes()).as(what).isTrue();
                        assertThat(e.getMessage()).contains(dynamics, game);
                        continue;
                    }
                    for (int i = 0; i < 2; i++) {
                        assertThat(t.trainStep().finite()).as(what).isTrue();
                    }
                    int arrays = model.manager().getManagedArrays().size();
                    StepResult r = t.trainStep();
                    assertThat(r.finite()).as(what).isTrue();
                    if (Games.create(c).critics().isEmpty()) {
                        assertThat(r.values()).as(what).containsKey("g_loss").doesNotContainKey("d_loss");
                    } else {
                        assertThat(r.values()).as(what).containsKeys("d_loss", "d_loss_real", "d_loss_fake", "g_loss");
                    }
                    assertThat(model.manager().getManagedArrays()).as("%s: arrays alive after a step", what)
                            .hasSize(arrays);
                    assertNoLeftoverGradient(model, what);
                    assertThat(model.allFinite()).as(what).isTrue();
                    t.close();
                }
            }
        }
    }

    @Test
    void everyGameTakesAStepWithEveryRegulariser() {
        for (String game : Games.REGISTRY.names()) {
            for (String reg : Regularisers.REGISTRY.names()) {
                Config c = config(game, "regulariser.name=" + reg);
                try (GanModel model = Games.model(c, data(c))) {
                    Game g = Games.create(c);
                    boolean sideBySide = g.components() > 1 || g.criticMembers() > 1;
                    boolean penalty = Regularisers.REGISTRY.create(reg, c).penalisesGradients();
                    boolean noCritic = g.criticInput() == CriticInput.NONE;
                    if ((g.solvesCritic() || g.encodes() && noCritic) && !reg.equals("none")
                            || (g.encodes() || sideBySide) && penalty) {
                        // A critic solved exactly takes no step for a regulariser to shape, nor does an absent
                        // one; an auto-encoder's critic judges codes or reconstructions, not the real and
                        // generated examples a penalty needs; and networks side by side would each need a
                        // gradient penalty on their own examples; each must say so (clipping applies).
                        assertThatThrownBy(() -> GanTrainerTest.trainer(model, c, data(c)))
                                .isInstanceOf(ConfigException.class).hasMessageContaining("regulariser.name=" + reg);
                        continue;
                    }
                    GanTrainer t = GanTrainerTest.trainer(model, c, data(c));
                    assertThat(t.trainStep().finite()).as("%s/%s", game, reg).isTrue();
                    assertNoLeftoverGradient(model, game + "/" + reg);
                    t.close();
                }
            }
        }
    }

    @Test
    void everyGameSavesAndRestoresEveryNetworkByName() throws IOException {
        for (String game : Games.REGISTRY.names()) {
            // An average of a critic of codes would be read by nothing, and auto-encoders refuse it.
            boolean critic = Games.create(config(game)).criticInput() == CriticInput.EXAMPLES;
            Config c = critic ? config(game, "train.ema=0.9", "train.d_ema=0.9") : config(game, "train.ema=0.9");
            byte[] saved;
            float[] expected;
            try (GanModel model = Games.model(c, data(c))) {
                GanTrainer t = GanTrainerTest.trainer(model, c, data(c));
                t.trainStep();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                t.save(new DataOutputStream(bytes));
                saved = bytes.toByteArray();
                t.trainStep();
                expected = outputs(model, Games.create(c).heads());
                t.close();
            }
            try (GanModel model = Games.model(c, data(c))) {
                GanTrainer t = GanTrainerTest.trainer(model, c, data(c));
                t.load(new DataInputStream(new ByteArrayInputStream(saved)), true);
                t.trainStep();
                assertThat(outputs(model, Games.create(c).heads())).as(game).containsExactly(expected);
                t.close();
            }
        }
    }

    /**
     * Every network's output on a fixed input, in inference mode: latent vectors and examples are
     * both 2-d here (a game's codes are filled in from the noise), and a head reads d's features.
     */
    static float[] outputs(GanModel model, java.util.List<String> heads) {
        java.util.List<Float> all = new java.util.ArrayList<>();
        float[] x = {0.3f, -0.7f, 1.1f, 0.2f};
        for (var e : model.networks().entrySet()) {
            Network n = e.getValue();
            boolean generator = e.getKey().startsWith("g");
            int width = generator ? model.latentSize() : 2;
            float[] in = new float[2 * width];
            for (int i = 0; i < in.length; i++) {
                in[i] = x[i % x.length];
            }
            try (NDArray a = model.manager().create(in, new ai.djl.ndarray.types.Shape(2, width))) {
                NDArray input = heads.contains(e.getKey()) ? model.discriminator().features(a, false) : a;
                for (float v : n.forward(input, false).toFloatArray()) {
                    all.add(v);
                }
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    @Test
    void aModelWithoutTheGamesNetworksIsRefusedWithTheirNames() {
        Config c = TestConfigs.tiny("game.name=d2gan");
        try (GanModel model = new GanModel(c, new int[] {2})) {
            assertThatThrownBy(() -> GanTrainerTest.trainer(model, c, data(c)))
                    .hasMessageContaining("d2").hasMessageContaining("Games.model");
        }
    }

    @Test
    void aGameWithItsOwnObjectivesRefusesALossItWouldIgnore() {
        Config c = TestConfigs.tiny("game.name=d2gan", "loss.name=hinge");
        assertThatThrownBy(() -> Games.create(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("loss.name=hinge").hasMessageContaining("game.name=d2gan");
    }

    @Test
    void featureMatchingRefusesAGameOfSeveralCritics() {
        Config c = TestConfigs.tiny("game.name=d2gan", "loss.generator_objective=feature_matching");
        try (GanModel model = Games.model(c, data(c))) {
            assertThatThrownBy(() -> GanTrainerTest.trainer(model, c, data(c)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("feature_matching")
                    .hasMessageContaining("[d, d2]");
        }
    }
}
