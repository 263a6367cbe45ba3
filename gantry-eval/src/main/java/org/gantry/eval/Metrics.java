package org.gantry.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gantry.config.Registry;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.data.Dataset;

/** The sample metrics, by name; a run computes every registered metric that applies to its data. */
public final class Metrics {
    private Metrics() {}

    public static final Setting<Integer> SAMPLES = Setting.of("eval.samples", ValueType.integer(1, 10_000_000), 2500,
            "Number of generated samples each evaluation uses (PacGAN: 2,500).");

    public static final Registry<SampleMetric> REGISTRY = new Registry<SampleMetric>("metric")
            .register("modes", "PacGAN mode metrics: modes, hq_fraction (3 sigma), reverse_kl",
                    c -> new ModeCoverage());

    /** Evaluates every applicable metric and merges their named values. */
    public static Map<String, Double> evaluateAll(Iterable<SampleMetric> metrics, float[] samples, int count,
            Dataset data) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (SampleMetric m : metrics) {
            if (m.appliesTo(data)) {
                out.putAll(m.evaluate(samples, count, data));
            }
        }
        return out;
    }
}
