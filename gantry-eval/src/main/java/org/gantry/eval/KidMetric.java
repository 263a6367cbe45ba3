package org.gantry.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** KID: unbiased MMD² with a cubic kernel, mean over blocks; the block spread is logged beside it. */
final class KidMetric implements SampleMetric {
    private final int blockSize;

    KidMetric(int blockSize) {
        this.blockSize = blockSize;
    }

    @Override
    public List<MetricValue> values() {
        return List.of(MetricValue.lower("kid"), MetricValue.spreadOf("kid_block_std"));
    }

    @Override
    public boolean appliesTo(EvaluationReference reference) {
        return reference.hasImageFeatures();
    }

    @Override
    public Map<String, Double> evaluate(GeneratedSamples generated, EvaluationReference reference) {
        MeanStd kid = KernelDistance.between(reference.embedding().features(), generated.embedding().features(),
                blockSize);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("kid", kid.mean());
        out.put("kid_block_std", kid.std());
        return out;
    }
}
