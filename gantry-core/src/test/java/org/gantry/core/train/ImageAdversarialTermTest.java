package org.gantry.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.TestConfigs;
import org.gantry.core.game.Games;
import org.gantry.core.model.GanModel;
import org.gantry.core.sample.HeldOutExamples;
import org.gantry.core.sample.ModelTarget;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * DeePSiM's image-space adversarial term on the auto-encoders: d tells real examples from their
 * reconstructions, and the reconstruction cost adds the weighted generator loss of d on them.
 */
class ImageAdversarialTermTest {

    private static Config config(String game, String... sets) {
        List<String> all = new java.util.ArrayList<>(List.of("game.name=" + game, "game.adversarial_weight=0.5"));
        all.addAll(List.of(sets));
        return TestConfigs.tiny(all.toArray(String[]::new));
    }

    @Test
    void bothSidesTrainAndNothingIsLeftBehind() {
        for (String game : List.of("vae", "wae_mmd")) {
            Config c = config(game);
            Dataset data = DataSets.create(c);
            try (GanModel model = Games.model(c, data); GanTrainer t = GanTrainerTest.trainer(model, c, data)) {
                float[] before = model.discriminator().trainableArrays().get(0).toFloatArray();
                for (int i = 0; i < 3; i++) {
                    StepResult r = t.trainStep();
                    assertThat(r.finite()).as(game).isTrue();
                    assertThat(r.values()).as(game).containsKeys("d_loss_real", "d_loss_fake", "image_adversarial",
                            "reconstruction");
                }
                assertThat(model.discriminator().trainableArrays().get(0).toFloatArray()).as(game)
                        .isNotEqualTo(before);
                GameContractTest.assertNoLeftoverGradient(model, game);
                assertThatThrownBy(() -> new ModelTarget(model, Games.create(c), HeldOutExamples.of(c, data))
                        .checkCritic()).isInstanceOf(ConfigException.class).hasMessageContaining("reconstructions");
            }
        }
    }

    @Test
    void refusals() {
        Config gan = config("wae_gan", "d.arch=mlp");
        assertThatThrownBy(() -> Games.create(gan)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("game.adversarial_weight").hasMessageContaining("latent codes");
        Config penalised = config("vae", "regulariser.name=r1");
        Dataset data = DataSets.create(penalised);
        try (GanModel model = Games.model(penalised, data)) {
            assertThatThrownBy(() -> GanTrainerTest.trainer(model, penalised, data)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("regulariser.name=r1").hasMessageContaining("reconstructions");
        }
        // Clipping constrains each parameter of the critic, whatever it judges: it applies.
        Config clipped = config("vae", "regulariser.name=clip");
        try (GanModel model = Games.model(clipped, data); GanTrainer t = GanTrainerTest.trainer(model, clipped, data)) {
            assertThat(t.trainStep().finite()).isTrue();
        }
        Config none = TestConfigs.tiny("game.name=vae", "regulariser.name=clip");
        try (GanModel model = Games.model(none, data)) {
            assertThatThrownBy(() -> GanTrainerTest.trainer(model, none, data)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("regulariser.name=clip").hasMessageContaining("trains no critic");
        }
    }
}
