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

    @Test
    void aMissingMetricIsNamedWithTheOnesThereAre() {
        RunResult r = new RunResult(Path.of("x"), "completed", 10, 1.0, Map.of("fid", 3.0, "kid", 0.1), Map.of());
        assertThat(r.metric("fid")).isEqualTo(3.0);
        assertThatThrownBy(() -> r.metric("modes")).hasMessageContaining("modes").hasMessageContaining("[fid, kid]");
    }
}
