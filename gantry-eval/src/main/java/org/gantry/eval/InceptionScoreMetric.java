package org.gantry.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Inception-style score from the feature network's class probabilities, with its spread over splits. */
final class InceptionScoreMetric implements SampleMetric {
    private final int splits;

    InceptionScoreMetric(int splits) {
        this.splits = splits;
    }

    @Override
    public List<MetricValue> values() {
        return List.of(MetricValue.higher("is"), MetricValue.spreadOf("is_split_std"));
    }

    @Override
    public boolean appliesTo(EvaluationReference reference) {
        return reference.hasImageClasses();
    }

    @Override
    public Map<String, Double> evaluate(GeneratedSamples generated, EvaluationReference reference) {
        MeanStd is = InceptionScore.of(generated.embedding().probabilities(), splits);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("is", is.mean());
        out.put("is_split_std", is.std());
        return out;
    }
}
