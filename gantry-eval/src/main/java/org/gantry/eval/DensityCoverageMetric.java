package org.gantry.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Density and coverage (k-NN balls around the reference features, computed once). */
final class DensityCoverageMetric implements SampleMetric {
    private final int k;

    DensityCoverageMetric(int k) {
        this.k = k;
    }

    @Override
    public List<MetricValue> values() {
        return List.of(MetricValue.higher("density"), MetricValue.higher("coverage"));
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
        DensityCoverage dc = DensityCoverage.of(reference.radii(k), generated.embedding().features());
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("density", dc.density());
        out.put("coverage", dc.coverage());
        return out;
    }
}
