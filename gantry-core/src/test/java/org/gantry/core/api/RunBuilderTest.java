package org.gantry.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gantry.config.ConfigException;
import org.gantry.core.game.Games;
import org.gantry.core.train.Dynamics;
import org.gantry.core.train.TrainSettings;
import org.junit.jupiter.api.Test;

class RunBuilderTest {

    @Test
    void typedAndTextualSettingsReachTheConfiguration() {
        var c = Gantry.train().preset("grid").game("d2gan").set(Games.ALPHA, 0.2).set(Games.CATEGORICAL_CODES,
                List.of(10, 3)).set("dynamics.gamma=4").steps(77).batch(64).config();
        assertThat(c.get(Games.NAME)).isEqualTo("d2gan");
        assertThat(c.get(Games.ALPHA)).isEqualTo(0.2);
        assertThat(c.get(Games.CATEGORICAL_CODES)).containsExactly(10, 3);
        assertThat(c.get(Dynamics.GAMMA)).isEqualTo(4.0);
        assertThat(c.get(TrainSettings.STEPS)).isEqualTo(77);
        assertThat(c.get(TrainSettings.BATCH)).isEqualTo(64);
        assertThat(c.get(org.gantry.data.DataSets.NAME)).isEqualTo("grid");
    }

    @Test
    void badValuesAreRefusedWhenSetWithTheCommandLinesMessages() {
        assertThatThrownBy(() -> Gantry.train().steps(0)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("train.steps");
        assertThatThrownBy(() -> Gantry.train().loss("nonsense")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("loss.name").hasMessageContaining("hinge");
        assertThatThrownBy(() -> Gantry.train().preset("nonsense")).hasMessageContaining("nonsense");
    }

    /** An auto-encoder through the Java API alone: trained, its reconstruction reported, its prior sampled. */
    @Test
    void anAutoEncoderTrainsAndSamplesThroughTheApi(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        RunResult r = Gantry.train().preset("ring").game("wae_mmd").set("g.widths=32,32").set("d.arch=mlp")
                .set("data.size=2000").steps(40).batch(32).threads(1).evaluate(40, "modes").run(dir.resolve("run"));
        assertThat(r.status()).isEqualTo("completed");
        assertThat(r.metrics()).containsKey("modes");
        // Ring points have no test split: the training points are reconstructed.
        assertThat(r.metrics().get("train_reconstruction")).isPositive().isFinite();
        assertThat(r.stepValues()).containsKeys("g_loss", "reconstruction", "mmd").doesNotContainKey("d_loss");
        var samples = Gantry.sample(dir.resolve("run")).seed(3).draw(50);
        assertThat(samples.examples()).hasSize(100);
        assertThat(samples.origin().seed()).isEqualTo(3);
        assertThat(samples.origin().step()).isEqualTo(40);
        // Every setting given after a check of the shape still counts: seed, sampler and checkpoint.
        SampleBuilder checked = Gantry.sample(dir.resolve("run")).seed(4);
        assertThat(checked.exampleShape()).containsExactly(2);
        var again = checked.seed(3).draw(50);
        assertThat(again.origin().seed()).isEqualTo(3);
        assertThat(again.origin().shape()).containsExactly(2);
        assertThat(again.examples()).containsExactly(samples.examples());
        assertThatThrownBy(() -> checked.sampler("drs").draw(5))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no discriminator");
        SampleBuilder elsewhere = Gantry.sample(dir.resolve("run"));
        assertThat(elsewhere.exampleShape()).containsExactly(2);
        assertThatThrownBy(() -> elsewhere.checkpoint(dir.resolve("none.ckpt").toString()).draw(5))
                .isInstanceOf(ConfigException.class).hasMessageContaining("none.ckpt");
    }

    @Test
    void aMissingMetricIsNamedWithTheOnesThereAre() {
        RunResult r = new RunResult(Path.of("x"), "completed", 10, 1.0, Map.of("fid", 3.0, "kid", 0.1), Map.of());
        assertThat(r.metric("fid")).isEqualTo(3.0);
        assertThatThrownBy(() -> r.metric("modes")).hasMessageContaining("modes").hasMessageContaining("[fid, kid]");
    }
}
