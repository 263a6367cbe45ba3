package org.gantry.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.config.Registry;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.data.Dataset;

/**
 * The sample metrics, by name, and the settings that say which run and on how many samples. The
 * metric names and every value name they log are documented here and nowhere else.
 */
public final class Metrics {
    private Metrics() {}

    public static final Setting<Integer> SAMPLES = Setting.of("eval.samples", ValueType.integer(1, 10_000_000), null,
            "Generated samples per evaluation (default: 2,500 for points as in PacGAN, 26,000 for stacked_mnist as "
                    + "in VEEGAN, 10,000 for other images). Values from different counts are not comparable.");
    public static final Setting<Integer> REFERENCE_SAMPLES = Setting.of("eval.reference_samples",
            ValueType.integer(2, 10_000_000), null,
            "Real images the generated ones are compared with (default: eval.samples, at most the reference set: "
                    + "the test split where the data set has one, e.g. MNIST's 10,000).");
    public static final Setting<Integer> KID_BLOCK = Setting.of("eval.kid_block", ValueType.integer(2, 1_000_000), 1000,
            "KID block size: the unbiased MMD² is averaged over blocks of at most this many samples.");
    public static final Setting<Integer> IS_SPLITS = Setting.of("eval.is_splits", ValueType.integer(1, 1000), 10,
            "Inception-style score: splits of the generated samples (mean ± std over splits).");
    public static final Setting<Integer> PR_K = Setting.of("eval.pr_k", ValueType.integer(1, 1000), 3,
            "Precision/recall: the k of the k-nearest-neighbour balls (Kynkäänniemi et al.: 3).");
    public static final Setting<Integer> DC_K = Setting.of("eval.dc_k", ValueType.integer(1, 1000), 5,
            "Density/coverage: the k of the k-nearest-neighbour balls (Naeem et al.: 5).");

    public static final Registry<SampleMetric> REGISTRY = new Registry<SampleMetric>("metric")
            .register("modes", "points with known modes: modes, hq_fraction (within 3 sigma), reverse_kl (PacGAN)",
                    c -> new ModeCoverage())
            .register("fid", "images: fid, Fréchet distance of feature-network features", c -> new FidMetric())
            .register("kid", "images: kid (unbiased, cubic kernel, mean over blocks) and kid_block_std",
                    c -> new KidMetric(c.get(KID_BLOCK)), KID_BLOCK)
            .register("is", "images, classifier feature network: is (Inception-style score) and is_split_std",
                    c -> new InceptionScoreMetric(c.get(IS_SPLITS)), IS_SPLITS)
            .register("pr", "images: precision and recall (k-NN balls; quadratic time, so not in auto)",
                    c -> new PrecisionRecallMetric(c.get(PR_K)), PR_K)
            .register("dc", "images: density and coverage (k-NN balls around real features; quadratic time, so not in auto)",
                    c -> new DensityCoverageMetric(c.get(DC_K)), DC_K)
            .register("stacked_modes", "stacked_mnist: stacked_modes (distinct digit triples of 1,000), stacked_kl",
                    c -> new StackedMnistMetric());

    public static final Setting<List<String>> NAMES = Setting.of("eval.metrics", ValueType.choiceList(() -> {
        Set<String> names = new LinkedHashSet<>(List.of("auto"));
        names.addAll(REGISTRY.names());
        return names;
    }), List.of("auto"), "Metrics of each evaluation: auto (every metric that applies, except the "
            + "quadratic-time ones, which run when named) or a list of names; see gantry presets --describe.");

    /** The value called {@code name} among those of {@code metrics}, if one of them reports it. */
    public static Optional<MetricValue> value(List<SampleMetric> metrics, String name) {
        return metrics.stream().flatMap(m -> m.values().stream()).filter(v -> v.name().equals(name)).findFirst();
    }

    /** The generated-sample count when eval.samples is not set. */
    public static int defaultSamples(Dataset data) {
        if (data.exampleShape().length == 1) {
            return 2_500;
        }
        return data.name().equals("stacked_mnist") ? 26_000 : 10_000;
    }

    public static int samples(Config config, Dataset data) {
        Integer n = config.get(SAMPLES);
        return n != null ? n : defaultSamples(data);
    }

    public static int referenceSamples(Config config, Dataset data) {
        Integer n = config.get(REFERENCE_SAMPLES);
        return n != null ? n : samples(config, data);
    }

    /**
     * The metrics to run: with {@code auto}, every automatic metric that applies, in registry order;
     * then the others named. A metric named explicitly that does not apply is an error that says why.
     */
    public static List<SampleMetric> create(Config config, List<String> names, EvaluationReference reference) {
        boolean auto = names.contains("auto");
        Map<String, SampleMetric> wanted = new LinkedHashMap<>();
        if (auto) {
            for (String name : REGISTRY.names()) {
                SampleMetric m = REGISTRY.create(name, config);
                if (m.automatic()) {
                    wanted.put(name, m);
                }
            }
        }
        Set<String> byAuto = Set.copyOf(wanted.keySet());
        for (String name : names) {
            if (!name.equals("auto") && !wanted.containsKey(name)) {
                wanted.put(name, REGISTRY.create(name, config));
            }
        }
        List<SampleMetric> out = new ArrayList<>();
        for (Map.Entry<String, SampleMetric> e : wanted.entrySet()) {
            String name = e.getKey();
            if (e.getValue().appliesTo(reference)) {
                out.add(e.getValue());
            } else if (!byAuto.contains(name)) {
                throw new ConfigException("metric '" + name + "' does not apply to data set '"
                        + reference.training().name() + "' with " + reference.network().map(
                                n -> "feature network " + n.identity()).orElse("no feature network")
                        + "; it needs " + REGISTRY.entries().stream().filter(en -> en.name().equals(name)).findFirst()
                                .orElseThrow().description());
            }
        }
        return out;
    }

    /** Evaluates every metric and merges their named values, in registry order. */
    public static Map<String, Double> evaluateAll(List<SampleMetric> metrics, GeneratedSamples generated,
            EvaluationReference reference) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (SampleMetric m : metrics) {
            out.putAll(m.evaluate(generated, reference));
        }
        return out;
    }
}
