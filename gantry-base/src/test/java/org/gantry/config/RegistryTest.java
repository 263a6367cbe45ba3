package org.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistryTest {
    static final Setting<Integer> K = Setting.of("x.k", ValueType.integer(0, 9), 3, "k");

    @Test
    void createsByNameAndCollectsSettingsOnce() {
        Registry<Integer> r = new Registry<Integer>("number").register("a", "A", c -> 1, K).register("b", "B", c -> c.get(K), K);
        Config c = new ConfigBuilder(new Schema().addAll(r.settings())).build();
        assertThat(r.create("b", c)).isEqualTo(3);
        assertThat(r.settings()).containsExactly(K);
        assertThat(r.names()).containsExactly("a", "b");
        assertThatThrownBy(() -> r.create("z", c)).isInstanceOf(ConfigException.class).hasMessageContaining("allowed a, b");
        assertThatThrownBy(() -> r.register("a", "again", x -> 2)).isInstanceOf(IllegalStateException.class);
    }
}
