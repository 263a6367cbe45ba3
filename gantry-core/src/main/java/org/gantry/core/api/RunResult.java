package org.gantry.core.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a finished run reports, as in its {@code summary.json}.
 *
 * @param directory the run directory: configuration, provenance, metrics log, plots, samples, checkpoints
 * @param status {@code completed}, or {@code interrupted}
 * @param steps generator steps done
 * @param stepsPerSecond training steps per second, evaluation and checkpoints aside
 * @param metrics the last evaluation's values by name (fid, modes, hq, ...)
 * @param stepValues the last step's values by name (d_loss, g_loss, ...)
 */
public record RunResult(Path directory, String status, long steps, double stepsPerSecond, Map<String, Double> metrics,
        Map<String, Double> stepValues) {

    public RunResult {
        metrics = Map.copyOf(metrics);
        stepValues = Map.copyOf(stepValues);
    }

    /** The last evaluation's value of {@code name}; an error lists the names there are. */
    public double metric(String name) {
        Double v = metrics.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the run reported no metric '" + name + "': it has "
                    + new TreeSet<>(metrics.keySet()));
        }
        return v;
    }
}
