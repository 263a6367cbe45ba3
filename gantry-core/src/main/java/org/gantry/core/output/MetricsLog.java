package org.gantry.core.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gantry.core.train.StepResult;
import org.gantry.core.train.TrainingListener;
import org.gantry.io.AtomicFiles;
import org.gantry.io.Json;

/**
 * Appends one JSON object per evaluation to {@code metrics.jsonl}: the step, every metric, the
 * sample counts they were computed on, and the mean of every value the steps reported (d_loss,
 * g_loss and their terms) since the previous evaluation.
 */
public final class MetricsLog implements TrainingListener {
    private final Path file;
    private final Map<String, Double> sums = new LinkedHashMap<>();
    private long n;

    public MetricsLog(Path file) {
        this.file = file;
    }

    /**
     * Drops lines past {@code step}, written before a crash that a resume now replays. A last line
     * that a kill cut short (no JSON object, no newline) is dropped too: that is what a crash during
     * an append leaves, and its evaluation is replayed with the rest. Any other damaged line is an
     * error naming the file and line.
     *
     * @return what was repaired, for the user, or empty
     */
    public static Optional<String> truncateAfter(Path file, long step) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        List<String> kept = new ArrayList<>();
        String repaired = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode row;
            try {
                row = Json.mapper().readTree(line);
            } catch (JsonProcessingException e) {
                boolean tornTail = i == lines.size() - 1 && !text.endsWith("\n");
                if (!tornTail) {
                    throw new IOException(file + " line " + (i + 1) + " is not a JSON object (" + e.getOriginalMessage()
                            + "); remove or repair that line to resume", e);
                }
                repaired = "dropped the last line of " + file + ", cut short by an interruption";
                continue;
            }
            if (row.path("step").asLong(Long.MAX_VALUE) <= step) {
                kept.add(line);
            }
        }
        AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        return Optional.ofNullable(repaired);
    }

    @Override
    public void onStep(StepResult r) {
        r.values().forEach((name, v) -> sums.put(name, sums.getOrDefault(name, 0.0) + v));
        n++;
    }

    @Override
    public void onEvaluation(Evaluation e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("step", e.step());
        row.putAll(e.metrics());
        if (!e.metrics().isEmpty()) {
            row.put("samples", e.count());
            row.put("reference_samples", e.referenceCount());
        }
        if (n > 0) {
            // A value some steps skip (none do today) is averaged over all steps all the same.
            sums.forEach((name, sum) -> row.put(name, sum / n));
        }
        sums.clear();
        n = 0;
        try {
            Files.writeString(file, Json.line(row) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot append to " + file, ex);
        }
    }
}
