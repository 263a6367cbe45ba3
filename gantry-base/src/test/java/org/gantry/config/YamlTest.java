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

/** What YAML allows but a configuration file must not hold is an error that names the lines. */
class YamlTest {
    private static Map<String, Object> read(String text) {
        return Yaml.readString(text, "config file 'x.yaml'");
    }

    @Test
    void readsNestedAndDottedKeysWithTheirTypes() {
        Map<String, Object> m = read("train:\n  steps: 5\n  lr: 1.5e-4\ng.widths: [8, 16]\nflag: true\nname: ns\nunset:\n");
        assertThat(m).containsOnlyKeys("train", "g.widths", "flag", "name", "unset");
        @SuppressWarnings("unchecked")
        Map<String, Object> train = (Map<String, Object>) m.get("train");
        assertThat(train).containsEntry("steps", 5).containsEntry("lr", 1.5e-4);
        assertThat(m.get("g.widths")).isEqualTo(List.of(8, 16));
        assertThat(m.get("flag")).isEqualTo(true);
        assertThat(m.get("name")).isEqualTo("ns");
        assertThat(m.get("unset")).isNull();
    }

    @Test
    void aKeyGivenTwiceInOneMappingNamesBothLines() {
        assertThatThrownBy(() -> read("train:\n  steps: 5\n  steps: 7\n")).isInstanceOf(ConfigException.class)
                .hasMessage("config file 'x.yaml' gives key 'train.steps' twice, at line 2 and line 3 (once dotted "
                        + "and once nested counts too); keep one");
    }

    @Test
    void aKeyGivenDottedAndNestedNamesBothLines() {
        assertThatThrownBy(() -> read("train.steps: 9\nseed: 1\ntrain:\n  steps: 5\n"))
                .hasMessageContaining("gives key 'train.steps' twice, at line 1 and line 4");
        assertThatThrownBy(() -> read("train:\n  steps: 5\ntrain.steps: 9\n"))
                .hasMessageContaining("gives key 'train.steps' twice, at line 2 and line 3");
    }

    @Test
    void aSecondDocumentIsAnError() {
        assertThatThrownBy(() -> read("train.steps: 5\n---\ntrain.steps: 6\n"))
                .hasMessage("config file 'x.yaml' holds more than one YAML document (another begins at line 3); "
                        + "put every key in one document");
    }

    @Test
    void anEmptyFileHasNoKeysAndATopLevelThatIsNoMappingIsAnError() {
        assertThat(read("")).isEmpty();
        assertThat(read("# only a comment\n")).isEmpty();
        assertThatThrownBy(() -> read("- 1\n- 2\n")).hasMessage("config file 'x.yaml' must be a YAML mapping of keys "
                + "to values, but its top level is a list at line 1");
        assertThatThrownBy(() -> read("just words\n")).hasMessageContaining("its top level is a single value");
    }

    @Test
    void brokenYamlNamesTheLine() {
        assertThatThrownBy(() -> read("train:\n  steps: [1, 2\nseed: 3\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config file 'x.yaml' is not valid YAML: ").hasMessageContaining("line");
    }

    @Test
    void aDirectoryOrAMissingFileIsNamed(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Yaml.readFile(dir)).hasMessage("config file '" + dir + "' is a directory; give a YAML file");
        assertThatThrownBy(() -> Yaml.readFile(dir.resolve("none.yaml"))).hasMessageEndingWith("does not exist");
        Path ok = Files.writeString(dir.resolve("ok.yaml"), "seed: 3\n");
        assertThat(Yaml.readFile(ok)).containsEntry("seed", 3);
    }
}
