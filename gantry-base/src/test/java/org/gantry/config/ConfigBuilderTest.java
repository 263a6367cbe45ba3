package org.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigBuilderTest {
    static final Setting<Integer> STEPS = Setting.of("train.steps", ValueType.integer(1, Integer.MAX_VALUE), 100, "steps");
    static final Setting<Double> LR = Setting.of("g.lr", ValueType.real(0, 10), 1e-4, "lr");
    static final Setting<List<Integer>> WIDTHS = Setting.of("g.widths", ValueType.intList(1), List.of(4), "widths");
    static final Setting<Boolean> BN = Setting.of("g.batch_norm", ValueType.bool(), true, "bn");
    static final Setting<String> NAME = Setting.of("loss.name", ValueType.choice(() -> List.of("ns", "hinge")), "ns", "loss");
    static final Setting<String> PATH = Setting.of("data.path", ValueType.text(), null, "path");

    final Schema schema = new Schema().add(STEPS, LR, WIDTHS, BN, NAME, PATH);

    @Test
    void defaultsThenLayersInOrder() {
        Config c = new ConfigBuilder(schema)
                .apply(Map.of("train", Map.of("steps", 50), "g.lr", 0.5), "file")
                .set("train.steps=70")
                .set("g.widths=8,16")
                .build();
        assertThat(c.get(STEPS)).isEqualTo(70);
        assertThat(c.get(LR)).isEqualTo(0.5);
        assertThat(c.get(WIDTHS)).containsExactly(8, 16);
        assertThat(c.get(BN)).isTrue();
        assertThat(c.get(PATH)).isNull();
    }

    /** A configuration stored before a key was renamed still reads, under the new name; the old one is not offered. */
    @Test
    void aRenamedKeyReadsAsItsNewName() {
        Schema renamed = new Schema().add(STEPS, NAME).rename("loss.kind", "loss.name");
        Config c = new ConfigBuilder(renamed).apply(Map.of("loss", Map.of("kind", "hinge")), "old run").build();
        assertThat(c.get(NAME)).isEqualTo("hinge");
        assertThat(c.toYaml()).contains("name: hinge").doesNotContain("kind");
        assertThatThrownBy(() -> new ConfigBuilder(renamed).set("loss.kinds=ns")).hasMessageContaining("'loss.name'");
        assertThatThrownBy(() -> renamed.rename("x.y", "no.such.key")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ConfigBuilder(renamed).apply(Map.of("loss", Map.of("kind", "hinge", "name", "ns")),
                "both.yaml")).isInstanceOf(ConfigException.class).hasMessageContaining("both.yaml")
                .hasMessageContaining("'loss.name' twice");
    }

    @Test
    void unknownKeyNamesTheClosestKey() {
        assertThatThrownBy(() -> new ConfigBuilder(schema).set("train.stpes=5"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown key 'train.stpes' — did you mean 'train.steps'?");
        assertThatThrownBy(() -> new ConfigBuilder(schema).apply(Map.of("loss", Map.of("nmae", "ns")), "config file 'x.yaml'"))
                .hasMessageContaining("unknown key 'loss.nmae' — did you mean 'loss.name'?")
                .hasMessageContaining("x.yaml");
    }

    @Test
    void aValueWhereASectionBelongsSaysSo() {
        assertThatThrownBy(() -> new ConfigBuilder(schema).apply(Map.of("train", List.of(1, 2)), "config file 'x.yaml'"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'train' is a section of keys (train.steps), so it takes a mapping such as train: {steps: "
                        + "...}, not a list (in config file 'x.yaml')");
        assertThatThrownBy(() -> new ConfigBuilder(schema).set("g=3")).hasMessageContaining("'g' is a section of keys "
                + "(g.lr, g.widths, g.batch_norm)").hasMessageContaining("not the value '3'");
    }

    @Test
    void aKeyDottedAndNestedInOneDocumentIsAnError() {
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("train.steps", 9);
        doc.put("train", Map.of("steps", 5));
        assertThatThrownBy(() -> new ConfigBuilder(schema).apply(doc, "preset p"))
                .hasMessage("preset p gives key 'train.steps' twice (once dotted, once nested); keep one");
    }

    @Test
    void changesToListsTheComparedKeysThatDifferInSchemaOrder() {
        Config a = new ConfigBuilder(schema).set("train.steps=5").set("g.lr=0.5").build();
        Config b = new ConfigBuilder(schema).set("train.steps=7").set("g.lr=0.5").set("loss.name=hinge").build();
        assertThat(a.changesTo(b, k -> true)).containsExactly("train.steps (5 -> 7)", "loss.name (ns -> hinge)");
        assertThat(a.changesTo(b, k -> !k.equals("train.steps"))).containsExactly("loss.name (ns -> hinge)");
        assertThat(a.changesTo(a, k -> true)).isEmpty();
    }

    @Test
    void unrelatedKeyGetsNoHint() {
        assertThatThrownBy(() -> new ConfigBuilder(schema).set("completely.different=1"))
                .hasMessageStartingWith("unknown key 'completely.different' (in --set");
    }

    @Test
    void badValuesNameKeyValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> new ConfigBuilder(schema).set("train.steps=-3"))
                .hasMessageContaining("bad value '-3' for key 'train.steps': allowed an integer >= 1");
        assertThatThrownBy(() -> new ConfigBuilder(schema).set("train.steps=1.5"))
                .hasMessageContaining("'train.steps'");
        assertThatThrownBy(() -> new ConfigBuilder(schema).set("g.lr=fast"))
                .hasMessageContaining("bad value 'fast' for key 'g.lr': allowed a number in [0, 10]");
        assertThatThrownBy(() -> new ConfigBuilder(schema).set("loss.name=wgann"))
                .hasMessageContaining("allowed one of ns, hinge");
        assertThatThrownBy(() -> new ConfigBuilder(schema).set("g.batch_norm=yes"))
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> new ConfigBuilder(schema).set("g.widths=4,0"))
                .hasMessageContaining("g.widths");
        assertThatThrownBy(() -> new ConfigBuilder(schema).set("no-equals-sign"))
                .hasMessageContaining("key=value");
    }

    @Test
    void missingAndMalformedFilesAreNamed(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> new ConfigBuilder(schema).applyFile(missing))
                .isInstanceOf(ConfigException.class).hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "train: [steps: 1\n");
        assertThatThrownBy(() -> new ConfigBuilder(schema).applyFile(broken))
                .isInstanceOf(ConfigException.class).hasMessageContaining(broken.toString());
    }

    @Test
    void resolvedConfigRoundTripsThroughYaml() {
        Config c = new ConfigBuilder(schema).set("g.widths=[3, 5]").set("loss.name=hinge").build();
        String yaml = c.toYaml();
        Config back = new ConfigBuilder(schema)
                .apply(Yaml.readString(yaml, "round trip"), "round trip").build();
        assertThat(back.values()).isEqualTo(c.values());
        assertThat(yaml).contains("train:\n  steps: 100");
    }

    @Test
    void editDistanceCountsATranspositionAsOne() {
        assertThat(EditDistance.between("stpes", "steps")).isEqualTo(1);
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
        assertThat(EditDistance.between("", "abc")).isEqualTo(3);
    }
}
