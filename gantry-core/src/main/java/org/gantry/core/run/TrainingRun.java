package org.gantry.core.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.config.ConfigException;
import org.gantry.config.GlobalSettings;
import org.gantry.config.Yaml;
import org.gantry.core.checkpoint.BestCheckpoint;
import org.gantry.core.checkpoint.CheckpointStore;
import org.gantry.core.engine.Provenance;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.evaluate.ClassificationError;
import org.gantry.core.evaluate.ClusterAssignment;
import org.gantry.core.evaluate.ReconstructionError;
import org.gantry.core.features.FeatureComparators;
import org.gantry.core.evaluate.CodeAccuracy;
import org.gantry.core.evaluate.FeatureNetworks;
import org.gantry.core.evaluate.References;
import org.gantry.core.features.ClassifierListener;
import org.gantry.core.game.Game;
import org.gantry.core.game.Games;
import org.gantry.core.model.GanModel;
import org.gantry.core.output.CodeTraversals;
import org.gantry.core.output.MetricPlots;
import org.gantry.core.output.MetricsLog;
import org.gantry.core.output.SampleGrids;
import org.gantry.core.output.SamplePlots;
import org.gantry.core.sample.HeldOutExamples;
import org.gantry.core.sample.ModelTarget;
import org.gantry.core.sample.Sampler;
import org.gantry.core.sample.SamplingTarget;
import org.gantry.core.sample.Samplers;
import org.gantry.core.train.DivergenceCheck;
import org.gantry.core.train.DivergenceException;
import org.gantry.core.train.GanTrainer;
import org.gantry.core.train.StepResult;
import org.gantry.core.train.TrainSettings;
import org.gantry.core.train.TrainingListener;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.eval.EvaluationReference;
import org.gantry.eval.FeatureNetwork;
import org.gantry.eval.GeneratedSamples;
import org.gantry.eval.MetricValue;
import org.gantry.eval.Metrics;
import org.gantry.eval.SampleMetric;
import org.gantry.io.AtomicFiles;
import org.gantry.io.Json;
import org.gantry.random.Rng;

/**
 * A training run from configuration to run directory: {@code config.yaml}, {@code provenance.json},
 * {@code metrics.jsonl}, {@code summary.json}, {@code samples/}, {@code plots/} and {@code checkpoints/}. It only
 * orchestrates: the step itself is {@link GanTrainer}'s, logging and plotting are listeners'.
 */
public final class TrainingRun {
    /** Keys a resumed run may change: how long to go on and what to write, never what is trained. */
    public static final Set<String> RESUMABLE_CHANGES = Set.of(TrainSettings.STEPS.key(),
            TrainSettings.EVAL_EVERY.key(), TrainSettings.CHECKPOINT_EVERY.key(),
            TrainSettings.KEEP_CHECKPOINTS.key(), TrainSettings.LOG_EVERY.key(), TrainSettings.THREADS.key(),
            SampleGrids.CELLS.key());

    private final Config config;
    private final Path dir;
    private final boolean resume;
    private final List<TrainingListener> extraListeners;
    private ClassifierListener classifierListener = ClassifierListener.NONE;

    private TrainingRun(Config config, Path dir, boolean resume, List<TrainingListener> listeners) {
        this.config = config;
        this.dir = dir;
        this.resume = resume;
        this.extraListeners = List.copyOf(listeners);
    }

    /** The files and folders a run writes at the top of its directory. */
    static final List<String> OUTPUTS = List.of("config.yaml", "provenance.json", "metrics.jsonl", "summary.json",
            "checkpoints", "samples", "plots");

    /** A new run into {@code dir}, which must not hold a run or any file a run writes. */
    public static TrainingRun create(Config config, Path dir, List<TrainingListener> listeners) {
        if (Files.exists(dir.resolve("config.yaml"))) {
            throw new ConfigException("output directory '" + dir + "' already holds a run; use --resume " + dir
                    + " to continue it (or, without a checkpoint, to start it again in place), or choose another --out");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConfigException("output directory '" + dir + "' is a file; choose another --out");
        }
        List<String> present = OUTPUTS.stream().filter(name -> Files.exists(dir.resolve(name))).toList();
        if (!present.isEmpty()) {
            throw new ConfigException("output directory '" + dir + "' already holds " + String.join(", ", present)
                    + ", which a run would write over or append to; choose another --out or move them away");
        }
        return new TrainingRun(config, dir, false, listeners);
    }

    /** Continues the run in {@code dir} from its newest checkpoint. */
    public static TrainingRun resume(Config config, Path dir, List<TrainingListener> listeners) {
        return new TrainingRun(config, dir, true, listeners);
    }

    /** Told when a classifier feature network is loaded or, on first need, trained. */
    public TrainingRun withClassifierListener(ClassifierListener listener) {
        this.classifierListener = listener;
        return this;
    }

    /** Reads the resolved configuration a run directory was started with. */
    public static ConfigBuilder configOf(Path dir, ConfigBuilder builder) {
        Path file = dir.resolve("config.yaml");
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("'" + dir + "' is not a run directory: it has no config.yaml");
        }
        return builder.applyFile(file);
    }

    public Map<String, Object> run() throws IOException {
        TorchEngine.start(config.get(TrainSettings.THREADS));
        long startNanos = System.nanoTime();
        Dataset data = DataSets.create(config);
        CheckpointStore checkpoints = new CheckpointStore(dir.resolve("checkpoints"),
                config.get(TrainSettings.KEEP_CHECKPOINTS));
        List<String> notices = new ArrayList<>();
        Path resumeFrom = resume ? resumePoint(checkpoints, notices) : null;
        long seed = config.get(GlobalSettings.SEED);
        String configYaml = config.toYaml();

        // Feature network and reference first: a missing file or an inapplicable metric fails
        // before any training, and a classifier trained on first need is ready for step one.
        try (FeatureNetwork network = FeatureNetworks.create(config, data, config.get(TrainSettings.THREADS),
                classifierListener)) {
            EvaluationReference reference = References.create(config, data, network);
            List<SampleMetric> metrics = Metrics.create(config, config.get(Metrics.NAMES), reference);
            BestCheckpoint best = new BestCheckpoint(config.get(BestCheckpoint.METRIC),
                    metrics.stream().flatMap(m -> m.values().stream()).toList(), dir.resolve("checkpoints"));
            Game game = Games.create(config);
            try (GanModel model = comparing(Games.model(config, data), game, network);
                    GanTrainer trainer = GanTrainer.create(config, model, data)) {
                SamplingTarget target = new ModelTarget(model, game, HeldOutExamples.of(config, data));
                Samplers.REGISTRY.create(config.get(Samplers.NAME), config).check(target);
                // Everything is checked (keys, files, networks, sampler): only now does the run write anything.
                if (resume && resumeFrom == null) {
                    // Started again in place: what the first start logged belongs to no checkpoint.
                    for (String name : List.of("metrics.jsonl", "summary.json")) {
                        Files.deleteIfExists(dir.resolve(name));
                    }
                }
                Files.createDirectories(dir.resolve("samples"));
                int removed = checkpoints.removeUnfinished() + AtomicFiles.removeUnfinished(dir);
                if (removed > 0) {
                    notices.add("removed " + removed + " unfinished temporary file(s) an interrupted write left in " + dir);
                }
                EvaluationSetup evaluation = new EvaluationSetup(model, game, reference, metrics, best, network,
                        target);
                return train(trainer, evaluation, data, checkpoints, resumeFrom, seed, configYaml, startNanos, notices);
            }
        }
    }

    /** The model, given the feature network as its comparator when the game compares in features. */
    private static GanModel comparing(GanModel model, Game game, FeatureNetwork network) {
        if (game.comparesFeatures()) {
            try {
                model.compareWith(FeatureComparators.of(network, model.exampleShape(), "game.reconstruction=features "
                        + "compares reconstructions in a feature network's features"));
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        }
        return model;
    }

    /** What each evaluation needs: the model to sample (and as the samplers see it), the reference, the metrics, the best-checkpoint keeper. */
    private record EvaluationSetup(GanModel model, Game game, EvaluationReference reference, List<SampleMetric> metrics,
            BestCheckpoint best, FeatureNetwork classifier, SamplingTarget target) {}

    /**
     * The newest intact checkpoint to resume from, or null to start the run again in place when it
     * has none (it was stopped before its first). A damaged newer checkpoint is passed over, saying so.
     */
    private Path resumePoint(CheckpointStore checkpoints, List<String> notices) throws IOException {
        List<Path> all = new ArrayList<>(checkpoints.list());
        Collections.reverse(all);
        List<String> damaged = new ArrayList<>();
        for (Path file : all) {
            try {
                CheckpointStore.verify(file);
                if (!damaged.isEmpty()) {
                    notices.add(String.join("; ", damaged) + " — resuming from " + file.getFileName() + " instead");
                }
                return file;
            } catch (IOException e) {
                damaged.add(e.getMessage());
            }
        }
        if (!damaged.isEmpty()) {
            throw new ConfigException("run directory '" + dir + "' has no intact checkpoint: " + String.join("; ", damaged));
        }
        notices.add("run directory '" + dir + "' has no checkpoint yet: starting it again from step 0 with its "
                + "config.yaml");
        return null;
    }

    private Map<String, Object> train(GanTrainer trainer, EvaluationSetup evaluation, Dataset data,
            CheckpointStore checkpoints, Path resumeFrom, long seed, String configYaml, long startNanos,
            List<String> notices) throws IOException {
        Map<String, Object> provenance = Provenance.collect(seed);
        if (resumeFrom != null) {
            checkCompatible(CheckpointStore.readConfig(resumeFrom), resumeFrom);
            CheckpointStore.read(resumeFrom, trainer);
            MetricsLog.truncateAfter(dir.resolve("metrics.jsonl"), trainer.step()).ifPresent(notices::add);
            evaluation.best().restore(trainer.step());
            provenance.put("resumed_from_step", trainer.step());
            AtomicFiles.writeString(dir.resolve("provenance-resume-" + trainer.step() + ".json"),
                    Json.pretty(provenance));
        } else {
            AtomicFiles.writeString(dir.resolve("provenance.json"), Json.pretty(provenance));
        }
        AtomicFiles.writeString(dir.resolve("config.yaml"), configYaml);

        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new DivergenceCheck());
        listeners.add(new MetricsLog(dir.resolve("metrics.jsonl")));
        listeners.add(new MetricPlots(dir.resolve("metrics.jsonl"), dir.resolve("plots")));
        if (SamplePlots.supports(data)) {
            listeners.add(new SamplePlots(dir.resolve("samples"), data));
        }
        if (SampleGrids.supports(data)) {
            listeners.add(new SampleGrids(dir.resolve("samples"), data, config.get(SampleGrids.CELLS)));
        }
        listeners.addAll(extraListeners);
        return loop(trainer, evaluation, checkpoints, configYaml, listeners, startNanos, notices);
    }

    private Map<String, Object> loop(GanTrainer trainer, EvaluationSetup evaluation, CheckpointStore checkpoints,
            String configYaml, List<TrainingListener> listeners, long startNanos, List<String> notices)
            throws IOException {
        long total = config.get(TrainSettings.STEPS);
        long first = trainer.step();
        int evalEvery = config.get(TrainSettings.EVAL_EVERY);
        int checkpointEvery = config.get(TrainSettings.CHECKPOINT_EVERY);
        // Metric values that are the spread of another (kid_block_std, ...): not results of their own.
        Set<String> spreads = evaluation.metrics().stream().flatMap(m -> m.values().stream()).filter(MetricValue::spread)
                .map(MetricValue::name).collect(java.util.stream.Collectors.toSet());
        Sampler sampler = Samplers.REGISTRY.create(config.get(Samplers.NAME), config);
        for (TrainingListener l : listeners) {
            l.onStart(new TrainingListener.RunInfo(dir, first, total));
            notices.forEach(l::onNotice);
        }
        long trainNanos = 0;
        StepResult last = null;
        Map<String, Double> finalMetrics = Map.of();
        try (Interruption interruption = new Interruption(() -> "gantry: interrupted during a step that did not end within "
                + Interruption.WAIT_SECONDS + " s; the run keeps its last periodic checkpoint; continue with: "
                + "gantry train --resume " + dir)) {
            while (trainer.step() < total) {
                if (interruption.requested()) {
                    Path file = checkpoints.write(trainer, configYaml);
                    Map<String, Object> summary = summary(trainer.step(), first, trainNanos, startNanos, last,
                            finalMetrics, spreads);
                    summary.put("status", "interrupted");
                    AtomicFiles.writeString(dir.resolve("summary.json"), Json.pretty(summary));
                    interruption.saved("gantry: interrupted at step " + trainer.step() + "; checkpoint " + file
                            + "; continue with: gantry train --resume " + dir);
                    return summary;
                }
                long t0 = System.nanoTime();
                last = trainer.trainStep();
                trainNanos += System.nanoTime() - t0;
                for (TrainingListener l : listeners) {
                    l.onStep(last);
                }
                long s = last.step();
                boolean end = s == total;
                if (end || (evalEvery > 0 && s % evalEvery == 0)) {
                    finalMetrics = evaluate(evaluation, sampler, s, listeners);
                    evaluation.best().offer(s, finalMetrics, file -> checkpoints.writeTo(file, trainer, configYaml));
                }
                if (end || (checkpointEvery > 0 && s % checkpointEvery == 0)) {
                    if (!evaluation.model().allFinite()) {
                        throw new DivergenceException("training diverged at step " + s
                                + ": the network weights hold NaN or infinite values");
                    }
                    Path file = checkpoints.write(trainer, configYaml);
                    for (TrainingListener l : listeners) {
                        l.onCheckpoint(s, file);
                    }
                }
            }
        } catch (DivergenceException e) {
            Map<String, Object> summary = summary(trainer.step(), first, trainNanos, startNanos, last, finalMetrics,
                    spreads);
            summary.put("status", "diverged");
            AtomicFiles.writeString(dir.resolve("summary.json"), Json.pretty(summary));
            throw e;
        }
        Map<String, Object> summary = summary(trainer.step(), first, trainNanos, startNanos, last, finalMetrics,
                    spreads);
        summary.put("status", "completed");
        AtomicFiles.writeString(dir.resolve("summary.json"), Json.pretty(summary));
        for (TrainingListener l : listeners) {
            l.onFinish(summary);
        }
        return summary;
    }

    private Map<String, Double> evaluate(EvaluationSetup evaluation, Sampler sampler, long step,
            List<TrainingListener> listeners) {
        EvaluationReference reference = evaluation.reference();
        int n = Metrics.samples(config, reference.training());
        // The same latent vectors at every evaluation, so successive plots and metrics compare
        // the generator and not the noise.
        Rng rng = Rng.forPurpose(config.get(GlobalSettings.SEED), "eval-noise");
        float[] samples = sampler.sample(evaluation.target(), n, rng).examples();
        Map<String, Double> values = new LinkedHashMap<>(Metrics.evaluateAll(evaluation.metrics(),
                new GeneratedSamples(samples, n, reference), reference));
        values.putAll(codeEvaluation(evaluation, n));
        values.putAll(classification(evaluation));
        values.putAll(reconstruction(evaluation));
        values.putAll(clustering(evaluation));
        TrainingListener.Evaluation e = new TrainingListener.Evaluation(step, values, samples, n,
                evaluation.metrics().isEmpty() ? 0 : reference.count());
        for (TrainingListener l : listeners) {
            l.onEvaluation(e);
        }
        return values;
    }

    /**
     * For a generator with latent codes: traversal grids of every code and, when a classifier of the
     * data labels samples, each categorical code's unsupervised accuracy (code_accuracy, then
     * code_accuracy_1, ...), on {@code n} samples per code spread over its values.
     */
    private Map<String, Double> codeEvaluation(EvaluationSetup evaluation, int n) {
        GanModel model = evaluation.model();
        if (!model.latentSpace().hasCodes()) {
            return Map.of();
        }
        long seed = config.get(GlobalSettings.SEED);
        if (model.exampleShape().length == 3) {
            try {
                CodeTraversals.write(dir.resolve("samples"), model, seed);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write code traversals in " + dir.resolve("samples"), e);
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        FeatureNetwork classifier = evaluation.classifier();
        List<Integer> codes = model.latentSpace().categorical();
        for (int code = 0; code < codes.size(); code++) {
            if (classifier == null || classifier.classCount() < codes.get(code)) {
                break;
            }
            CodeAccuracy a = CodeAccuracy.measure(model, code, classifier, Math.max(1, n / codes.get(code)),
                    Rng.forPurpose(seed, "code-accuracy-" + code));
            values.put(code == 0 ? "code_accuracy" : "code_accuracy_" + code, a.accuracy());
        }
        return values;
    }

    /**
     * For a discriminator with a logit per class (semi-supervised): its classification error (that of
     * its average when train.d_ema is on) on the test split (test_error), or on the training data
     * where the data set has no test split (train_error).
     */
    private static Map<String, Double> classification(EvaluationSetup evaluation) {
        GanModel model = evaluation.model();
        if (evaluation.game().labelledExamples() == 0) {
            return Map.of();
        }
        EvaluationReference reference = evaluation.reference();
        boolean heldOut = reference.images() != reference.training();
        return Map.of(heldOut ? "test_error" : "train_error",
                ClassificationError.of(model.evaluationDiscriminator(), reference.images()));
    }

    /**
     * For a mixture of generators on labelled data: the assignment of the test split's examples (of
     * the training data without one) to members, scored against the labels as cluster_purity and,
     * when there are no more members than classes, cluster_accuracy (best one-to-one matching).
     */
    private static Map<String, Double> clustering(EvaluationSetup evaluation) {
        GanModel model = evaluation.model();
        Dataset images = evaluation.reference().images();
        if (!evaluation.game().assignsExamples() || !images.hasLabels()) {
            return Map.of();
        }
        ClusterAssignment a = ClusterAssignment.of(model.evaluationDiscriminator(), model.components(), images);
        Map<String, Double> values = new LinkedHashMap<>();
        if (a.matchable()) {
            values.put("cluster_accuracy", a.accuracy());
        }
        values.put("cluster_purity", a.purity());
        return values;
    }

    /**
     * For an auto-encoder: the mean squared reconstruction error per example of the test split
     * (test_reconstruction), or of the training data where the data set has no test split
     * (train_reconstruction).
     */
    private static Map<String, Double> reconstruction(EvaluationSetup evaluation) {
        if (!evaluation.game().encodes()) {
            return Map.of();
        }
        EvaluationReference reference = evaluation.reference();
        boolean heldOut = reference.images() != reference.training();
        return Map.of(heldOut ? "test_reconstruction" : "train_reconstruction",
                ReconstructionError.of(evaluation.model(), evaluation.game(), reference.images()));
    }

    /** @param spreads metric values to leave out of {@code reported}: spreads of other values */
    private Map<String, Object> summary(long steps, long firstStep, long trainNanos, long startNanos, StepResult last,
            Map<String, Double> metrics, Set<String> spreads) {
        Map<String, Object> s = new LinkedHashMap<>();
        double wall = (System.nanoTime() - startNanos) / 1e9;
        s.put("steps", steps);
        s.put("wall_seconds", wall);
        // Steps per second of the training steps alone; evaluation, plots and checkpoints are in
        // wall_seconds but not here, so the figure measures the step and nothing else.
        s.put("steps_per_second", trainNanos > 0 ? (steps - firstStep) / (trainNanos / 1e9) : 0.0);
        s.put("seed", config.get(GlobalSettings.SEED));
        // The evaluation's results, in order, for a closing line to show: every value but the spreads.
        s.put("reported", metrics.keySet().stream().filter(k -> !spreads.contains(k)).toList());
        s.putAll(metrics);
        if (last != null) {
            s.putAll(last.values());
        }
        return s;
    }

    private void checkCompatible(String storedYaml, Path checkpoint) {
        String source = "checkpoint '" + checkpoint + "'";
        Config stored = new ConfigBuilder(config.schema()).apply(Yaml.readString(storedYaml, source), source).build();
        List<String> changed = stored.changesTo(config, key -> !RESUMABLE_CHANGES.contains(key));
        if (!changed.isEmpty()) {
            throw new ConfigException("cannot resume from '" + checkpoint + "' with a changed configuration: "
                    + String.join(", ", changed) + "; only " + String.join(", ", RESUMABLE_CHANGES.stream().sorted().toList())
                    + " may change");
        }
        if (config.get(TrainSettings.STEPS) <= CheckpointStore.stepOf(checkpoint)) {
            throw new ConfigException("the run in '" + dir + "' is already at step " + CheckpointStore.stepOf(checkpoint)
                    + "; raise train.steps to go on (--set train.steps=N)");
        }
    }
}
