package org.gantry.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
import org.gantry.core.evaluate.References;
import org.gantry.core.evaluate.RepeatedEvaluation;
import org.gantry.core.evaluate.TrainedRun;
import org.gantry.core.run.GantrySchema;
import org.gantry.core.run.TrainingRun;
import org.gantry.core.sample.SamplingReport;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.data.Subsets;
import org.gantry.eval.EvaluationReference;
import org.gantry.eval.FeatureNetwork;
import org.gantry.eval.Metrics;
import org.gantry.eval.SampleMetric;
import org.gantry.io.AtomicFiles;
import org.gantry.io.IoErrors;
import org.gantry.io.Json;
import org.gantry.random.Rng;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gantry eval}: the metrics of a trained run's generator, or of a folder of images, against
 * real images; a table on the terminal and a JSON file, each value as mean ± std over repeats with
 * the sample counts and the feature network's identity.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Evaluate a run's generator (--run) or a folder of images (--images) against real images.",
            "Each value is the mean ± std over --repeats independent sample sets. With --run, --sampler draws the",
            "samples through a sampler (e.g. drs), so that metrics compare with and without it."})
final class EvalCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    static final class Subject {
        @Option(names = "--run", paramLabel = "DIR", description = "A run directory written by gantry train.")
        Path run;

        @Option(names = "--images", paramLabel = "DIR", description = "A folder of PNG/JPEG images to judge.")
        Path images;
    }

    @Option(names = "--checkpoint", paramLabel = "latest|best|FILE", defaultValue = "latest",
            description = "With --run: which checkpoint (default: ${DEFAULT-VALUE}).")
    String checkpoint;

    @Option(names = "--reference", paramLabel = "mnist|fashion_mnist|DIR",
            description = "With --images: the real images, a labelled data set's test split or a folder.")
    String reference;

    @Option(names = "--image-size", paramLabel = "N",
            description = "With --reference DIR: images are scaled and centre-cropped to N x N (default: data.image_size, 64).")
    Integer imageSize;

    @Option(names = "--channels", paramLabel = "1|3",
            description = "With --reference DIR: grey (1) or RGB (3) (default: data.channels, 3).")
    Integer channels;

    @Option(names = "--data-path", paramLabel = "DIR",
            description = "With --reference mnist|fashion_mnist: the IDX files (else data.download into the cache).")
    Path dataPath;

    @Option(names = "--metrics", paramLabel = "LIST", split = ",",
            description = "Metrics, e.g. fid,kid,is,pr,dc (default: auto, the run's applicable cheap metrics).")
    List<String> metrics;

    @Option(names = "--samples", paramLabel = "N", description = "Generated samples per repeat (default: eval.samples, "
            + "10,000 for images; with --images at most the folder's size).")
    Integer samples;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "1",
            description = "Independent sample sets (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--feature-network", paramLabel = "auto|classifier|FILE",
            description = "Feature network (default: the run's eval.feature_network, or auto).")
    String featureNetwork;

    @Mixin
    SamplerOptions samplerOptions;

    @Mixin
    ThreadsOption threadsOption;

    @Option(names = "--out", paramLabel = "FILE",
            description = "JSON result (default: <run>/eval-<checkpoint>.json, or ./eval-<folder>.json).")
    Path out;

    @Override
    public Integer call() {
        return CommandErrors.guarded(this::evaluate);
    }

    private int evaluate() throws IOException {
        try (ClassifierProgress progress = ClassifierProgress.forConsole()) {
            if (repeats < 1) {
                throw new ConfigException("--repeats " + repeats + " is not allowed; allowed: a whole number ≥ 1");
            }
            Path file = out != null ? out : defaultOut();
            OutputFiles.checkWritable(file, "the results");
            TorchEngine.start(threadsOption.value());
            Map<String, Object> report = subject.run != null ? evaluateRun(progress) : evaluateImages(progress);
            try {
                AtomicFiles.writeString(file, Json.pretty(report));
            } catch (IOException e) {
                throw new IOException(IoErrors.describe("write the results to " + file, e), e);
            }
            System.out.print(EvalTable.format(report));
            System.out.println("written: " + file.toAbsolutePath());
            return 0;
        }
    }

    private Map<String, Object> evaluateRun(ClassifierProgress progress) throws IOException {
        if (reference != null || dataPath != null) {
            throw new ConfigException("--reference and --data-path go with --images; a run is compared with its own "
                    + "data's reference (the test split where there is one)");
        }
        ConfigBuilder b = TrainingRun.configOf(subject.run, new ConfigBuilder(GantrySchema.create()));
        overrides(b);
        samplerOptions.apply(b);
        Config config = b.build();
        Dataset data = DataSets.create(config);
        try (FeatureNetwork network = FeatureNetworks.create(config, data, threadsOption.value(), progress)) {
            EvaluationReference ref = References.create(config, data, network);
            List<SampleMetric> chosen = Metrics.create(config, config.get(Metrics.NAMES), ref);
            if (chosen.isEmpty()) {
                throw new ConfigException("no metric applies to run '" + subject.run + "', trained on data set '"
                        + config.get(DataSets.NAME) + "' (" + config.get(Metrics.NAMES) + "): fid, kid, is, pr and dc "
                        + "need images with a feature network, modes needs the ring or grid; nothing to evaluate");
            }
            int n = Metrics.samples(config, data);
            long seed = config.get(GlobalSettings.SEED);
            try (TrainedRun g = TrainedRun.open(config, data, subject.run, checkpoint)) {
                System.out.printf("evaluating %s (step %,d): %d x %,d samples against %,d %s %s%n", g.checkpoint(),
                        g.step(), repeats, n, ref.count(), ref.imagesName(),
                        data.exampleShape().length == 1 ? "points" : "images");
                // A seed purpose of its own: training's evaluations use "eval-noise", and repeats differ from each other.
                RepeatedEvaluation.Sampling sampling = RepeatedEvaluation.ofRun(chosen, ref, g, n, repeats, seed,
                        "gantry-eval-", EvalCommand::printRepeat);
                RepeatedEvaluation.Result result = sampling.result();
                Map<String, Object> report = header(network, ref, n, seed);
                report.put("run", subject.run.toAbsolutePath().toString());
                report.put("checkpoint", g.checkpoint().toAbsolutePath().toString());
                report.put("step", g.step());
                report.put("sampler", SamplingReport.of(config, sampling.draws(), sampling.seconds(),
                        g.target().heldOutDescription()).toMap());
                return withValues(report, result);
            }
        }
    }

    private Map<String, Object> evaluateImages(ClassifierProgress progress) {
        if (reference == null) {
            throw new ConfigException("--images needs --reference mnist, fashion_mnist or a folder of real images");
        }
        if (samplerOptions.given()) {
            throw new ConfigException("--sampler and --set go with --run: a folder of images has no generator to sample");
        }
        ConfigBuilder rb = new ConfigBuilder(GantrySchema.create());
        boolean labelled = List.of("mnist", "fashion_mnist").contains(reference);
        if (labelled) {
            rb.setRaw("data.name", reference, "--reference");
            rb.setRaw("data.split", "test", "--reference");
            if (dataPath != null) {
                rb.setRaw("data.path", dataPath.toString(), "--data-path");
            } else {
                rb.setRaw("data.download", true, "--reference without --data-path");
            }
        } else {
            if (!Files.isDirectory(Path.of(reference))) {
                throw new ConfigException("--reference '" + reference + "' is neither mnist, fashion_mnist nor a folder");
            }
            rb.setRaw("data.name", "image_folder", "--reference");
            rb.setRaw("data.path", reference, "--reference");
            if (imageSize != null) {
                rb.setRaw("data.image_size", imageSize, "--image-size");
            }
            if (channels != null) {
                rb.setRaw("data.channels", channels, "--channels");
            }
        }
        overrides(rb);
        Config refConfig = rb.build();
        Dataset real = DataSets.create(refConfig);
        int[] shape = real.exampleShape();
        ConfigBuilder gb = new ConfigBuilder(GantrySchema.create());
        gb.setRaw("data.name", "image_folder", "--images");
        gb.setRaw("data.path", subject.images.toString(), "--images");
        gb.setRaw("data.channels", shape[0], "the reference's channels");
        gb.setRaw("data.image_size", shape[1], "the reference's image size");
        Dataset generated = DataSets.create(gb.build());
        int n = Math.min(samples != null ? samples : Metrics.defaultSamples(real), generated.size());
        long seed = refConfig.get(GlobalSettings.SEED);
        try (FeatureNetwork network = FeatureNetworks.create(refConfig, real, threadsOption.value(), progress)) {
            if (network == null) {
                throw new ConfigException("--reference " + reference + " has no built-in feature network; give "
                        + "--feature-network FILE (a TorchScript model)");
            }
            EvaluationReference ref = new EvaluationReference(real, real, labelled ? reference + " test split"
                    : reference, refConfig.get(Metrics.REFERENCE_SAMPLES) != null
                            ? refConfig.get(Metrics.REFERENCE_SAMPLES) : real.size(), network, seed);
            List<SampleMetric> chosen = Metrics.create(refConfig, refConfig.get(Metrics.NAMES), ref);
            System.out.printf("evaluating %,d of the %,d images in %s, %d repeat(s), against %,d %s images%n", n,
                    generated.size(), subject.images, repeats, ref.count(), ref.imagesName());
            RepeatedEvaluation.Result result = RepeatedEvaluation.run(chosen, ref, n, repeats,
                    r -> Subsets.draw(generated, n, Rng.forPurpose(seed, "gantry-eval-images-" + r)), EvalCommand::printRepeat);
            Map<String, Object> report = header(network, ref, n, seed);
            report.put("images", subject.images.toAbsolutePath().toString());
            report.put("images_available", generated.size());
            return withValues(report, result);
        }
    }

    private void overrides(ConfigBuilder b) {
        if (metrics != null) {
            b.setRaw(Metrics.NAMES.key(), metrics, "--metrics");
        }
        if (samples != null) {
            b.setRaw(Metrics.SAMPLES.key(), samples, "--samples");
        }
        if (featureNetwork != null) {
            b.setRaw(FeatureNetworks.NETWORK.key(), featureNetwork, "--feature-network");
        }
    }

    private Map<String, Object> header(FeatureNetwork network, EvaluationReference ref, int n, long seed) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("feature_network", network == null ? "none" : network.identity());
        // Features, and so every metric, round differently on another CPU: say which one this was.
        r.put("cpu", Provenance.cpu());
        r.put("cpu_capability", TorchEngine.nativeMath().get("cpu_capability"));
        r.put("reference", ref.imagesName());
        r.put("samples", n);
        r.put("reference_samples", ref.count());
        r.put("repeats", repeats);
        r.put("seed", seed);
        return r;
    }

    private static Map<String, Object> withValues(Map<String, Object> report, RepeatedEvaluation.Result result) {
        Map<String, Object> values = new LinkedHashMap<>();
        result.values().forEach((name, ms) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("mean", ms.mean());
            v.put("std", ms.std());
            v.put("per_repeat", result.perRepeat().get(name));
            values.put(name, v);
        });
        report.put("metrics", values);
        return report;
    }

    private static void printRepeat(int done, int total, Map<String, Double> values) {
        StringBuilder b = new StringBuilder(String.format("repeat %d/%d:", done, total));
        values.forEach((k, v) -> b.append(String.format(" %s %.4g", k, v)));
        System.out.println(b);
    }

    private Path defaultOut() {
        if (subject.run != null) {
            String name = checkpoint.equals("latest") || checkpoint.equals("best") ? checkpoint
                    : Path.of(checkpoint).getFileName().toString().replaceFirst("\\.ckpt$", "");
            return subject.run.resolve("eval-" + name + ".json");
        }
        return Path.of("eval-" + subject.images.toAbsolutePath().normalize().getFileName() + ".json");
    }
}
