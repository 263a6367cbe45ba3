package org.gantry.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.core.nn.Architectures;
import org.gantry.core.nn.Normalisation;
import org.junit.jupiter.api.Test;

class PresetsTest {

    static Config resolve(String preset) {
        return new ConfigBuilder(GantrySchema.create()).apply(Presets.load(preset), "preset " + preset).build();
    }

    @Test
    void everyPresetResolvesAgainstTheSchema() {
        for (String name : Presets.names()) {
            assertThat(resolve(name).values()).as(name).isNotEmpty();
            assertThat(Presets.descriptions().get(name)).as(name).isNotBlank();
        }
    }

    @Test
    void aVariantIsItsBasePlusWhatItChanges() {
        Map<String, Object> base = resolve("dcgan-mnist").values();
        Map<String, Object> variant = resolve("dcgan-mnist-sm").values();
        assertThat(variant.get(Normalisation.SELF_MODULATION.key())).isEqualTo(true);
        assertThat(base.get(Normalisation.SELF_MODULATION.key())).isEqualTo(false);
        for (String key : base.keySet()) {
            if (!key.startsWith("g.self_modulation")) {
                assertThat(variant.get(key)).as(key).isEqualTo(base.get(key));
            }
        }
        Config stacked = resolve("stacked-mnist-sm");
        assertThat(stacked.get(Architectures.Z_DIM)).isEqualTo(100);
        assertThat(stacked.get(Architectures.Z_DISTRIBUTION)).isEqualTo("uniform");
        assertThat(stacked.get(Architectures.G_ARCH)).isEqualTo("dcgan");
        assertThat(stacked.get(Normalisation.SELF_MODULATION)).isTrue();
    }

    @Test
    void theGridConsensusRecipeIsThePacganGridWithConsensusThroughRmsprop() {
        Map<String, Object> base = resolve("pacgan-grid").values();
        Map<String, Object> recipe = resolve("pacgan-grid-consensus").values();
        Map<String, Object> changed = Map.of("dynamics.name", "consensus", "dynamics.gamma", 1.0,
                "g.optimizer", "rmsprop", "d.optimizer", "rmsprop");
        for (String key : base.keySet()) {
            assertThat(recipe.get(key)).as(key).isEqualTo(changed.getOrDefault(key, base.get(key)));
        }
    }
}
