package org.gantry.core.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.config.GlobalSettings;
import org.gantry.config.Setting;
import org.gantry.core.game.Games;
import org.gantry.core.loss.Losses;
import org.gantry.core.nn.Architectures;
import org.gantry.core.regularise.Regularisers;
import org.gantry.core.run.GantrySchema;
import org.gantry.core.run.Presets;
import org.gantry.core.run.TrainingRun;
import org.gantry.core.train.Dynamics;
import org.gantry.core.train.StepResult;
import org.gantry.core.train.TrainSettings;
import org.gantry.core.train.TrainingListener;
import org.gantry.data.DataSets;
import org.gantry.eval.Metrics;

/**
 * A training run described in Java. The common choices have typed methods; {@link #set(Setting,
 * Object)} takes any declared setting with a value of its type, and {@link #set(String)} any
 * {@code key=value} as on the command line. Values are checked as they are set, with the same
 * messages as the command line.
 */
public final class RunBuilder {
    private String preset = Presets.DEFAULT;
    /** The settings in the order they were made, each applied to the builder of the configuration. */
    private final List<Consumer<ConfigBuilder>> assignments = new ArrayList<>();
    private final List<TrainingListener> listeners = new ArrayList<>();

    RunBuilder() {}

    /** Starts from preset {@code name} ({@code gantry presets} lists them) instead of the default. */
    public RunBuilder preset(String name) {
        Presets.load(name);
        preset = name;
        return this;
    }

    /** The data set by registry name (ring, grid, mnist, ...) and, for files, where they are. */
    public RunBuilder data(String name, Path path) {
        set(DataSets.NAME, name);
        return path == null ? this : set("data.path=" + path);
    }

    public RunBuilder game(String name) {
        return set(Games.NAME, name);
    }

    public RunBuilder loss(String name) {
        return set(Losses.NAME, name);
    }

    public RunBuilder regulariser(String name, double weight) {
        set(Regularisers.NAME, name);
        return set("regulariser.weight=" + weight);
    }

    public RunBuilder dynamics(String name) {
        return set(Dynamics.NAME, name);
    }

    /** Generator and discriminator architectures by registry name, an own one included once registered. */
    public RunBuilder architectures(String generator, String discriminator) {
        set(Architectures.G_ARCH, generator);
        return set(Architectures.D_ARCH, discriminator);
    }

    public RunBuilder steps(int steps) {
        return set(TrainSettings.STEPS, steps);
    }

    public RunBuilder batch(int batch) {
        return set(TrainSettings.BATCH, batch);
    }

    public RunBuilder seed(long seed) {
        return set(GlobalSettings.SEED, seed);
    }

    public RunBuilder threads(int threads) {
        return set(TrainSettings.THREADS, threads);
    }

    /** Evaluate every this many steps (and at the end) with these metrics. */
    public RunBuilder evaluate(int every, String... metrics) {
        set(TrainSettings.EVAL_EVERY, every);
        return set(Metrics.NAMES, List.of(metrics));
    }

    /** Any setting, typed: {@code set(Dynamics.GAMMA, 10.0)}. */
    public <T> RunBuilder set(Setting<T> setting, T value) {
        Object raw = setting.type().toYaml(value);
        assignments.add(b -> b.setRaw(setting.key(), raw, "RunBuilder.set"));
        config();
        return this;
    }

    /** Any {@code key=value}, as after {@code --set} on the command line. */
    public RunBuilder set(String assignment) {
        assignments.add(b -> b.set(assignment));
        config();
        return this;
    }

    /** Told of every step, evaluation and checkpoint, as the command line's progress bar is. */
    public RunBuilder listener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** The resolved configuration, every key with its value. */
    public Config config() {
        ConfigBuilder b = new ConfigBuilder(GantrySchema.create()).apply(Presets.load(preset), "preset " + preset);
        assignments.forEach(a -> a.accept(b));
        return b.build();
    }

    /** Trains into {@code directory}, which must not hold a run yet, and returns what the run reports. */
    public RunResult run(Path directory) throws IOException {
        Last last = new Last();
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(last);
        Map<String, Object> summary = TrainingRun.create(config(), directory, all).run();
        return new RunResult(directory, String.valueOf(summary.get("status")), ((Number) summary.get("steps")).longValue(),
                ((Number) summary.get("steps_per_second")).doubleValue(), last.metrics, last.stepValues);
    }

    /** Keeps the last evaluation's metrics and the last step's values. */
    private static final class Last implements TrainingListener {
        Map<String, Double> metrics = Map.of();
        Map<String, Double> stepValues = Map.of();

        @Override
        public void onStep(StepResult result) {
            stepValues = result.values();
        }

        @Override
        public void onEvaluation(Evaluation evaluation) {
            metrics = new LinkedHashMap<>(evaluation.metrics());
        }
    }
}
