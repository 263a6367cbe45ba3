package org.gantry.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gantry.config.ConfigException;
import org.gantry.io.AtomicFiles;
import org.gantry.io.Directories;
import org.gantry.io.Json;

/**
 * One bench trial's directory. A finished trial leaves {@code trial.json}, its table row, written
 * last and atomically; a rerun under the same bench name reads that row instead of training again,
 * so long benches survive interruption. The row is only reused for the very same resolved
 * configuration: a changed setting is an error, not a silently mixed table.
 */
record BenchTrial(Path dir, String configYaml) {
    static final String ROW_FILE = "trial.json";

    /** The finished trial's row; an unfinished one (no row: the process was stopped) is removed. */
    Optional<Map<String, Object>> finished() throws IOException {
        Path row = dir.resolve(ROW_FILE);
        if (!Files.isRegularFile(row)) {
            Directories.deleteTree(dir);
            return Optional.empty();
        }
        Path config = dir.resolve("config.yaml");
        String used = Files.isRegularFile(config) ? Files.readString(config) : "";
        if (!used.equals(configYaml)) {
            throw new ConfigException("bench trial '" + dir + "' was run with other settings (" + firstDifference(used)
                    + "); choose another --name or remove that directory");
        }
        return Optional.of(Json.mapper().readValue(row.toFile(), new TypeReference<Map<String, Object>>() {}));
    }

    /** Saves a finished trial's row and returns it. */
    Map<String, Object> record(Map<String, Object> row) throws IOException {
        AtomicFiles.writeString(dir.resolve(ROW_FILE), Json.pretty(row));
        return row;
    }

    private String firstDifference(String used) {
        List<String> a = used.lines().toList();
        List<String> b = configYaml.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i).strip() : "(nothing)";
            String y = i < b.size() ? b.get(i).strip() : "(nothing)";
            if (!x.equals(y)) {
                return "it has '" + x + "' where this bench has '" + y + "'";
            }
        }
        return "no config.yaml";
    }
}
