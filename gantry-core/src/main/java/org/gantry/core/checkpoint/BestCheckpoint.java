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
import org.gantry.eval.MetricValue;
import org.gantry.io.AtomicFiles;
import org.gantry.io.Json;

/**
 * Keeps {@code checkpoints/best.ckpt}: the checkpoint of the evaluation whose chosen metric value
 * was the best so far, and {@code checkpoints/best.json} saying which step and value that was.
 * Whether larger or smaller is better is the metric's own declaration ({@link MetricValue}). NaN
 * never wins.
 */
public final class BestCheckpoint {
    public static final Setting<String> METRIC = Setting.of("eval.best", ValueType.text(), "auto",
            "Metric value that picks checkpoints/best.ckpt: auto (the first evaluated value its metric offers for "
                    + "this: fid for images, stacked_kl for Stacked MNIST, reverse_kl for points), none, or any "
                    + "metric value name, e.g. kid or precision.");

    /** Writes the checkpoint of the current state to the given file. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path file) throws IOException;
    }

    private final Path checkpoint;
    private final Path record;
    private final String metric;
    private final boolean higherIsBetter;
    private double bestValue = Double.NaN;
    private long bestStep = -1;

    /**
     * @param choice the eval.best setting
     * @param evaluated the values the run's metrics log, in order
     * @throws ConfigException when the chosen value is not among them
     */
    public BestCheckpoint(String choice, List<MetricValue> evaluated, Path checkpointDir) {
        MetricValue chosen = resolve(choice.trim(), evaluated);
        this.metric = chosen == null ? null : chosen.name();
        this.higherIsBetter = chosen != null && chosen.higherIsBetter();
        this.checkpoint = checkpointDir.resolve("best.ckpt");
        this.record = checkpointDir.resolve("best.json");
    }

    private static MetricValue resolve(String choice, List<MetricValue> evaluated) {
        if (choice.equals("auto")) {
            return evaluated.stream().filter(MetricValue::picksBest).findFirst().orElse(null);
        }
        if (choice.equals("none")) {
            return null;
        }
        return evaluated.stream().filter(v -> v.name().equals(choice)).findFirst().orElseThrow(
                () -> new ConfigException("bad value '" + choice + "' for key 'eval.best': allowed auto, none"
                        + (evaluated.isEmpty() ? "" : " or one of the evaluated values " + String.join(", ",
                                evaluated.stream().map(MetricValue::name).toList()))));
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
                || (higherIsBetter ? v > bestValue : v < bestValue));
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
        r.put("higher_is_better", higherIsBetter);
        AtomicFiles.writeString(record, Json.pretty(r));
        return true;
    }
}
