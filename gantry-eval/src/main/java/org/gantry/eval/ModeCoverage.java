package org.gantry.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.data.GaussianMixture;

/**
 * The PacGAN mode metrics for samples of a Gaussian mixture (Lin et al. 2018, as in BENCHMARKS.md).
 * A sample is high quality (HQ) when its distance to the nearest mean, in units of σ, is below a
 * threshold (3). A mode is captured when it is the nearest mean of at least one HQ sample. Reverse
 * KL is KL(p ‖ uniform) for the histogram p of nearest modes of the HQ samples; it is NaN when no
 * sample is HQ, since there is then no histogram to compare.
 */
public final class ModeCoverage implements SampleMetric {
    public static final double DEFAULT_THRESHOLD = 3.0;
    private final double threshold;

    public ModeCoverage() {
        this(DEFAULT_THRESHOLD);
    }

    public ModeCoverage(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public List<MetricValue> values() {
        return List.of(MetricValue.higher("modes"), MetricValue.higher("hq_fraction"),
                MetricValue.lower("reverse_kl").pickingBest());
    }

    @Override
    public boolean appliesTo(EvaluationReference reference) {
        return reference.training().mixture().isPresent();
    }

    @Override
    public Map<String, Double> evaluate(GeneratedSamples generated, EvaluationReference reference) {
        GaussianMixture mixture = reference.training().mixture().orElseThrow(
                () -> new IllegalArgumentException("mode metrics need a data set with known modes"));
        return evaluate(generated.samples(), generated.count(), mixture);
    }

    public Map<String, Double> evaluate(float[] samples, int count, GaussianMixture mixture) {
        int d = mixture.dimension();
        if (samples.length < count * d) {
            throw new IllegalArgumentException("expected " + count + " samples of dimension " + d);
        }
        double[][] means = mixture.means();
        int[] hits = new int[means.length];
        int hq = 0;
        double limit = threshold * mixture.sigma();
        for (int i = 0; i < count; i++) {
            int nearest = mixture.nearestMode(samples, i);
            // A NaN sample has no nearest mode and is never high quality.
            if (nearest >= 0 && Math.sqrt(mixture.squaredDistance(samples, i, nearest)) < limit) {
                hq++;
                hits[nearest]++;
            }
        }
        int captured = 0;
        double kl = 0;
        for (int h : hits) {
            if (h > 0) {
                captured++;
                double p = (double) h / hq;
                kl += p * Math.log(p * means.length);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("modes", (double) captured);
        out.put("hq_fraction", count == 0 ? 0.0 : (double) hq / count);
        out.put("reverse_kl", hq == 0 ? Double.NaN : kl);
        return out;
    }
}
