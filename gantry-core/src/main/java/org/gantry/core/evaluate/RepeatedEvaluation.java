package org.gantry.core.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.gantry.core.sample.Sampled;
import org.gantry.eval.EvaluationReference;
import org.gantry.eval.GeneratedSamples;
import org.gantry.eval.MeanStd;
import org.gantry.eval.Metrics;
import org.gantry.eval.SampleMetric;
import org.gantry.random.Rng;

/**
 * The metrics computed on several independent sample sets (repeats), each value reported as mean
 * ± standard deviation over the repeats. The spread says how much of a difference between two
 * runs is sampling noise.
 */
public final class RepeatedEvaluation {
    private RepeatedEvaluation() {}

    /** Told after each repeat, e.g. to show progress. */
    @FunctionalInterface
    public interface Progress {
        void afterRepeat(int done, int total, Map<String, Double> values);
    }

    /**
     * @param draw gives the samples of repeat r (0-based): {@code count} examples in the data's shape
     * @return every value name with its mean ± std over the repeats, and the values of each repeat
     */
    public static Result run(List<SampleMetric> metrics, EvaluationReference reference, int count, int repeats,
            IntFunction<float[]> draw, Progress progress) {
        Map<String, List<Double>> perRepeat = new LinkedHashMap<>();
        for (int r = 0; r < repeats; r++) {
            Map<String, Double> values = Metrics.evaluateAll(metrics, new GeneratedSamples(draw.apply(r), count,
                    reference), reference);
            values.forEach((k, v) -> perRepeat.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            progress.afterRepeat(r + 1, repeats, values);
        }
        Map<String, MeanStd> summary = new LinkedHashMap<>();
        perRepeat.forEach((k, v) -> summary.put(k, MeanStd.of(v.stream().mapToDouble(Double::doubleValue).toArray())));
        return new Result(summary, perRepeat);
    }

    /**
     * The metrics of {@code repeats} sample sets drawn through a trained run's sampler, repeat r with
     * the stream {@code Rng.forPurpose(seed, purpose + r)}, and what the sampling cost.
     */
    public static Sampling ofRun(List<SampleMetric> metrics, EvaluationReference reference, TrainedRun run, int count,
            int repeats, long seed, String purpose, Progress progress) {
        List<Sampled> draws = new ArrayList<>();
        long[] nanos = {0};
        Result result = run(metrics, reference, count, repeats, r -> {
            long t0 = System.nanoTime();
            Sampled drawn = run.sample(count, Rng.forPurpose(seed, purpose + r));
            nanos[0] += System.nanoTime() - t0;
            draws.add(drawn);
            return drawn.examples();
        }, progress);
        return new Sampling(result, List.copyOf(draws), nanos[0] / 1e9);
    }

    /** Repeated metrics with the draws they were computed on and the seconds spent sampling. */
    public record Sampling(Result result, List<Sampled> draws, double seconds) {}

    /** @param values mean ± std over repeats per value name; @param perRepeat each repeat's value */
    public record Result(Map<String, MeanStd> values, Map<String, List<Double>> perRepeat) {}
}
