package org.gantry.core.output;

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
import org.gantry.core.train.StepResult;
import org.gantry.core.train.TrainingListener;
import org.gantry.io.AtomicFiles;
import org.gantry.io.Json;

/**
 * Appends one JSON object per evaluation to {@code metrics.jsonl}: the step, every metric, the
 * sample counts they were computed on, and the mean losses since the previous evaluation.
 */
public final class MetricsLog implements TrainingListener {
    private final Path file;
    private double dSum;
    private double gSum;
    private long n;

    public MetricsLog(Path file) {
        this.file = file;
    }

    /** Drops lines past {@code step}, written before a crash that a resume now replays. */
    public static void truncateAfter(Path file, long step) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && Json.mapper().readTree(line).path("step").asLong(Long.MAX_VALUE) <= step) {
                kept.add(line);
            }
        }
        AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
    }

    @Override
    public void onStep(StepResult r) {
        dSum += r.discriminatorLoss();
        gSum += r.generatorLoss();
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
            row.put("d_loss", dSum / n);
            row.put("g_loss", gSum / n);
        }
        dSum = 0;
        gSum = 0;
        n = 0;
        try {
            Files.writeString(file, Json.line(row) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot append to " + file, ex);
        }
    }
}
