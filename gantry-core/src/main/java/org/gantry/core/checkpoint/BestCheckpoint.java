package org.gantry.core.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gantry.config.ConfigException;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.eval.Metrics;
import org.gantry.io.AtomicFiles;
import org.gantry.io.Json;

/**
 * Keeps {@code checkpoints/best.ckpt}: the checkpoint of the evaluation whose chosen metric value
 * was the best so far, and {@code checkpoints/best.json} saying which step and value that was.
 * Whether larger or smaller is better comes from {@link Metrics#higherIsBetter}. NaN never wins.
 */
public final class BestCheckpoint {
    static final List<String> AUTO = List.of("fid", "stacked_kl", "reverse_kl");
    public static final Setting<String> METRIC = Setting.of("eval.best", ValueType.text(), "auto",
            "Metric value that picks checkpoints/best.ckpt: auto (the first of " + String.join(", ", AUTO)
                    + " that is evaluated), none, or any logged value name, e.g. kid or precision.");

    /** Writes the checkpoint of the current state to the given file. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path file) throws IOException;
    }

    private final Path checkpoint;
    private final Path record;
    private final String metric;
    private double bestValue = Double.NaN;
    private long bestStep = -1;

    /**
     * @param choice the eval.best setting
     * @param evaluated the value names the run's metrics log
     * @throws ConfigException when the chosen value is not among them
     */
    public BestCheckpoint(String choice, List<String> evaluated, Path checkpointDir) {
        this.metric = resolve(choice.trim(), evaluated);
        this.checkpoint = checkpointDir.resolve("best.ckpt");
        this.record = checkpointDir.resolve("best.json");
    }

    private static String resolve(String choice, List<String> evaluated) {
        if (choice.equals("auto")) {
            return AUTO.stream().filter(evaluated::contains).findFirst().orElse(null);
        }
        if (choice.equals("none")) {
            return null;
        }
        if (!evaluated.contains(choice)) {
            throw new ConfigException("bad value '" + choice + "' for key 'eval.best': allowed auto, none"
                    + (evaluated.isEmpty() ? "" : " or one of the evaluated values " + String.join(", ", evaluated)));
        }
        return choice;
    }

    /** The value name that picks the best checkpoint; empty when none does. */
    public Optional<String> metric() {
        return Optional.ofNullable(metric);
    }

    /** When resuming at {@code step}: the best so far, unless it was written after that step (it will be replayed). */
    public void restore(long step) throws IOException {
        if (!Files.exists(record)) {
            return;
        }
        JsonNode n = Json.mapper().readTree(Files.readString(record));
        if (n.path("step").asLong() <= step && n.path("metric").asText().equals(metric)) {
            bestValue = n.path("value").asDouble();
            bestStep = n.path("step").asLong();
        } else {
            Files.deleteIfExists(record);
            Files.deleteIfExists(checkpoint);
        }
    }

    /** Writes best.ckpt when {@code values} beat the best so far; returns whether it did. */
    public boolean offer(long step, Map<String, Double> values, Writer writer) throws IOException {
        if (metric == null || !values.containsKey(metric)) {
            return false;
        }
        double v = values.get(metric);
        boolean better = Double.isFinite(v) && (bestStep < 0 || !Double.isFinite(bestValue)
                || (Metrics.higherIsBetter(metric) ? v > bestValue : v < bestValue));
        if (!better) {
            return false;
        }
        writer.writeTo(checkpoint);
        bestValue = v;
        bestStep = step;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("metric", metric);
        r.put("value", v);
        r.put("step", step);
        r.put("higher_is_better", Metrics.higherIsBetter(metric));
        AtomicFiles.writeString(record, Json.pretty(r));
        return true;
    }
}
