package org.gantry.study.plan;

import java.util.TreeMap;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.config.ConfigException;
import org.gantry.config.EditDistance;
import org.gantry.core.run.GantrySchema;
import org.gantry.eval.MetricValue;
import org.gantry.eval.Metrics;
import org.gantry.eval.SampleMetric;

/** Whether larger values of a reported metric are better, as the metric that reports it declares. */
public final class MetricDirection {
    private MetricDirection() {}

    /** Every value any registered metric reports, with its direction. */
    public static TreeMap<String, Boolean> known() {
        Config defaults = new ConfigBuilder(GantrySchema.create()).build();
        TreeMap<String, Boolean> out = new TreeMap<>();
        for (String name : Metrics.REGISTRY.names()) {
            SampleMetric metric = Metrics.REGISTRY.create(name, defaults);
            for (MetricValue v : metric.values()) {
                out.putIfAbsent(v.name(), v.higherIsBetter());
            }
        }
        return out;
    }

    /**
     * The direction of {@code metric}: {@code direction} when it is lower or higher, else the
     * metric's own; an unknown metric is an error listing those there are.
     */
    public static boolean higherIsBetter(String metric, String direction, String source) {
        if (!direction.equals("auto")) {
            return direction.equals("higher"); // also for values metrics do not declare (a game's code_accuracy, ...)
        }
        TreeMap<String, Boolean> known = known();
        Boolean higher = known.get(metric);
        if (higher == null) {
            String hint = EditDistance.closest(metric, known.keySet(), Math.max(2, metric.length() / 2)).map(n -> " — did you mean '" + n + "'?").orElse("");
            throw new ConfigException("metric.name '" + metric + "' is not a value any metric reports" + hint + "; there are "
                    + String.join(", ", known.keySet()) + ". For a value a game reports (code_accuracy, test_error, ...) "
                    + "give metric.direction: lower or higher (in " + source + ")");
        }
        return higher;
    }
}
