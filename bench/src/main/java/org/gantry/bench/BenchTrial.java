package org.gantry.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.config.ConfigException;
import org.gantry.io.AtomicFiles;
import org.gantry.io.Directories;
import org.gantry.io.Json;

/**
 * One bench trial's directory. A finished trial leaves {@code trial.json}, its table row, written
 * last and atomically; a rerun under the same bench name reads that row instead of training again,
 * so long benches survive interruption. The row is only reused for the very same resolved
 * configuration: a changed setting is an error, not a silently mixed table. The stored
 * {@code config.yaml} is read under today's schema, so a setting added since that trial ran takes
 * its default, which by the project's rule repeats the old behaviour; a long table can then span
 * releases without rerunning finished trials.
 */
record BenchTrial(Path dir, Config config) {
    static final String ROW_FILE = "trial.json";

    /** The finished trial's row; an unfinished one (no row: the process was stopped) is removed. */
    Optional<Map<String, Object>> finished() throws IOException {
        Path row = dir.resolve(ROW_FILE);
        if (!Files.isRegularFile(row)) {
            Directories.deleteTree(dir);
            return Optional.empty();
        }
        Path file = dir.resolve("config.yaml");
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("bench trial '" + dir + "' has a row but no config.yaml; remove that directory");
        }
        Config used = new ConfigBuilder(config.schema()).applyFile(file).build();
        List<String> changed = used.changesTo(config, key -> true);
        if (!changed.isEmpty()) {
            throw new ConfigException("bench trial '" + dir + "' was run with other settings (" + String.join(", ", changed)
                    + "); choose another --name or remove that directory");
        }
        return Optional.of(Json.mapper().readValue(row.toFile(), new TypeReference<Map<String, Object>>() {}));
    }

    /** Saves a finished trial's row and returns it. */
    Map<String, Object> record(Map<String, Object> row) throws IOException {
        AtomicFiles.writeString(dir.resolve(ROW_FILE), Json.pretty(row));
        return row;
    }
}
