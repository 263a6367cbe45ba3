package org.gantry.study.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.gantry.study.report.StoredStudy.StoredConfiguration;
import org.gantry.study.run.StudyDirectory;

/** A configuration's metric against steps, the mean over its seeds at the steps every seed evaluated. */
public final class LearningCurves {
    private LearningCurves() {}

    public record Curve(String configurationId, double[] steps, double[] mean) {}

    public static Curve of(StoredStudy s, StoredConfiguration c) {
        List<TreeMap<Integer, Double>> perSeed = new ArrayList<>();
        for (String id : c.trialIds()) {
            TreeMap<Integer, Double> points = new StudyDirectory(s.root()).metricLog(id, s.metric());
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
}
