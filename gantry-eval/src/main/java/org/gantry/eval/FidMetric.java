package org.gantry.eval;

import java.util.List;
import java.util.Map;

/** FID: the Fréchet distance between Gaussians fitted to reference and generated features. */
final class FidMetric implements SampleMetric {
    @Override
    public List<MetricValue> values() {
        return List.of(MetricValue.lower("fid").pickingBest());
    }

    @Override
    public boolean appliesTo(EvaluationReference reference) {
        return reference.hasImageFeatures();
    }

    @Override
    public Map<String, Double> evaluate(GeneratedSamples generated, EvaluationReference reference) {
        GaussianStatistics fake = GaussianStatistics.of(generated.embedding().features());
        return Map.of("fid", FrechetDistance.between(reference.statistics(), fake));
    }
}
