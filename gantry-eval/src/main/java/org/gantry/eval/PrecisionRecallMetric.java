package org.gantry.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Improved precision and recall (k-NN balls in feature space); the reference balls are computed once. */
final class PrecisionRecallMetric implements SampleMetric {
    private final int k;

    PrecisionRecallMetric(int k) {
        this.k = k;
    }

    @Override
    public List<MetricValue> values() {
        return List.of(MetricValue.higher("precision"), MetricValue.higher("recall"));
    }

    /** Quadratic in the sample count: run when named, not under auto. */
    @Override
    public boolean automatic() {
        return false;
    }

    @Override
    public boolean appliesTo(EvaluationReference reference) {
        return reference.hasImageFeatures();
    }

    @Override
    public Map<String, Double> evaluate(GeneratedSamples generated, EvaluationReference reference) {
        PrecisionRecall pr = PrecisionRecall.of(reference.radii(k),
                KthNeighbourRadii.of(generated.embedding().features(), k));
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("precision", pr.precision());
        out.put("recall", pr.recall());
        return out;
    }
}
