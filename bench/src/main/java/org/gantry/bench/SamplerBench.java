package org.gantry.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.config.ConfigException;
import org.gantry.config.GlobalSettings;
import org.gantry.core.engine.Provenance;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.evaluate.FeatureNetworks;
import org.gantry.core.features.ClassifierListener;
import org.gantry.core.evaluate.References;
import org.gantry.core.evaluate.RepeatedEvaluation;
import org.gantry.core.evaluate.TrainedRun;
import org.gantry.core.run.GantrySchema;
import org.gantry.core.run.TrainingRun;
import org.gantry.core.sample.SamplingReport;
import org.gantry.core.sample.Samplers;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.eval.EvaluationReference;
import org.gantry.eval.FeatureNetwork;
import org.gantry.eval.MeanStd;
import org.gantry.eval.Metrics;
import org.gantry.eval.SampleMetric;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Each sampler on trained runs: the run's metrics (modes / HQ / reverse KL for 2D points, FID,
 * precision and recall for images) as mean ± std over independent sample sets, with the sampler's
 * acceptance rate, proposals per sample and samples per second; one Markdown table per run.
 */
@Command(name = "bench/samplers", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Metrics of trained runs without and with each sampler; prints a table per run.")
public final class SamplerBench implements Callable<Integer> {
    @Option(names = "--run", paramLabel = "DIR", required = true, description = "A run directory; repeatable.")
    List<Path> runs;

    @Option(names = "--checkpoint", paramLabel = "latest|best|FILE", description = "Which checkpoint (default ${DEFAULT-VALUE}).")
    String checkpoint = "latest";

    @Option(names = "--samplers", split = ",", description = "Samplers to compare (default: all registered).")
    List<String> samplers;

    @Option(names = "--metrics", split = ",", description = "Metrics (default: the run's eval.metrics).")
    List<String> metrics;

    @Option(names = "--samples", paramLabel = "N", description = "Samples per repeat (default: the run's eval.samples).")
    Integer samples;

    @Option(names = "--repeats", paramLabel = "R", description = "Independent sample sets (default ${DEFAULT-VALUE}).")
    int repeats = 3;

    @Option(names = "--set", paramLabel = "sample.KEY=VALUE", description = "A sampler setting for every sampler; repeatable.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--threads", description = "libtorch threads (default ${DEFAULT-VALUE}).")
    int threads = 1;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SamplerBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (repeats < 1) {
            System.err.println("bench: --repeats must be at least 1, got " + repeats);
            return 2;
        }
        try {
            TorchEngine.start(threads);
            System.out.printf("machine: %s, %d thread(s), %d repeat(s) per sampler%n", Provenance.cpu(), threads, repeats);
            for (Path run : runs) {
                table(run);
            }
            return 0;
        } catch (ConfigException e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        }
    }

    private void table(Path run) throws Exception {
        Config base = config(run, null);
        Dataset data = DataSets.create(base);
        try (FeatureNetwork network = FeatureNetworks.create(base, data, threads, new ClassifierListener() {
            @Override
            public void onMessage(String message) {
                System.out.println(message);
            }
        })) {
            EvaluationReference ref = References.create(base, data, network);
            List<SampleMetric> chosen = Metrics.create(base, base.get(Metrics.NAMES), ref);
            int n = Metrics.samples(base, data);
            long seed = base.get(GlobalSettings.SEED);
            List<String> names = samplers != null ? samplers : List.copyOf(Samplers.REGISTRY.names());
            List<String> columns = null;
            for (String sampler : names) {
                Config c = config(run, sampler);
                try (TrainedRun g = TrainedRun.open(c, data, run, checkpoint)) {
                    if (columns == null) {
                        System.out.printf("%n%s, %s checkpoint at step %,d: %,d samples per repeat against %,d %s%n",
                                run, checkpoint, g.step(), n, ref.count(), ref.imagesName());
                    }
                    RepeatedEvaluation.Sampling s = RepeatedEvaluation.ofRun(chosen, ref, g, n, repeats, seed,
                            "bench-samplers-", (done, total, values) -> { });
                    SamplingReport report = SamplingReport.of(c, s.draws(), s.seconds(), g.target().heldOutDescription());
                    Map<String, MeanStd> values = s.result().values();
                    if (columns == null) {
                        columns = List.copyOf(values.keySet());
                        StringBuilder head = new StringBuilder("| sampler |");
                        StringBuilder rule = new StringBuilder("|---|");
                        for (String col : columns) {
                            head.append(' ').append(col).append(" |");
                            rule.append("---|");
                        }
                        System.out.println(head + " acceptance | proposals per sample | samples/s |");
                        System.out.println(rule + "---|---|---|");
                    }
                    StringBuilder row = new StringBuilder("| ").append(sampler).append(" |");
                    for (String col : columns) {
                        MeanStd v = values.get(col);
                        row.append(String.format(" %.4g ± %.2g |", v.mean(), v.std()));
                    }
                    System.out.println(row + String.format(" %.1f %% | %.1f | %.0f |", 100 * report.acceptanceRate(),
                            report.proposalsPerSample(), report.samplesPerSecond()));
                }
            }
            System.out.println("settings: " + (sets.isEmpty() ? "defaults" : String.join(" ", sets)));
        }
    }

    private Config config(Path run, String sampler) {
        ConfigBuilder b = TrainingRun.configOf(run, new ConfigBuilder(GantrySchema.create()));
        if (metrics != null) {
            b.setRaw(Metrics.NAMES.key(), metrics, "--metrics");
        }
        if (samples != null) {
            b.setRaw(Metrics.SAMPLES.key(), samples, "--samples");
        }
        if (sampler != null) {
            b.setRaw(Samplers.NAME.key(), sampler, "--samplers");
        }
        for (String s : sets) {
            Samplers.requireSamplerAssignment(s);
            b.set(s);
        }
        return b.build();
    }
}
