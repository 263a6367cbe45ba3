package org.gantry.eval;

import java.util.List;
import java.util.Map;

/**
 * A quality measure of generated samples against a reference. Engine-free: samples arrive as
 * floats, features through the reference's {@link FeatureNetwork}. Adding a metric is one class
 * plus one line in {@link Metrics#REGISTRY}.
 */
public interface SampleMetric {

    /** The values {@link #evaluate} returns, in order, each with its direction and role. */
    List<MetricValue> values();

    /** The names of {@link #values}, in order. */
    default List<String> valueNames() {
        return values().stream().map(MetricValue::name).toList();
    }

    /** Whether {@code eval.metrics=auto} runs it where it applies (not the quadratic-time ones). */
    default boolean automatic() {
        return true;
    }

    /** Whether this metric can judge samples of this reference (e.g. it needs known modes or image features). */
    boolean appliesTo(EvaluationReference reference);

    /** Named values; each name is a key of {@code metrics.jsonl} and {@code summary.json}. */
    Map<String, Double> evaluate(GeneratedSamples generated, EvaluationReference reference);
}
