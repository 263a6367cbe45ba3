package org.gantry.study.report;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gantry.io.Json;
import org.gantry.study.report.StoredStudy.StoredConfiguration;

/** A configuration's metric against steps, the mean over its seeds at the steps every seed evaluated. */
public final class LearningCurves {
    private LearningCurves() {}

    public record Curve(String configurationId, double[] steps, double[] mean) {}

    public static Curve of(StoredStudy s, StoredConfiguration c) {
        List<TreeMap<Integer, Double>> perSeed = new ArrayList<>();
        for (String id : c.trialIds()) {
            TreeMap<Integer, Double> points = read(s.root().resolve("trials").resolve(id).resolve("run").resolve("metrics.jsonl"),
                    s.metric());
            if (!points.isEmpty()) {
                perSeed.add(points);
            }
        }
        TreeMap<Integer, Double> sum = new TreeMap<>();
        if (!perSeed.isEmpty()) {
            for (Integer step : perSeed.get(0).keySet()) {
                if (perSeed.stream().allMatch(p -> p.containsKey(step))) {
                    sum.put(step, perSeed.stream().mapToDouble(p -> p.get(step)).average().orElseThrow());
                }
            }
        }
        return new Curve(c.id(), sum.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                sum.values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Step to metric from a run's metrics log; a later line for the same step wins. */
    static TreeMap<Integer, Double> read(Path metrics, String metric) {
        TreeMap<Integer, Double> out = new TreeMap<>();
        if (!Files.isRegularFile(metrics)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(metrics)) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> m = Json.mapper().readValue(line, new TypeReference<Map<String, Object>>() {});
                if (m.get("step") instanceof Number step && m.get(metric) instanceof Number v) {
                    out.put(step.intValue(), v.doubleValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics, e);
        }
        return out;
    }
}
