package org.gantry.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.config.ConfigException;
import org.gantry.config.Schema;
import org.gantry.config.Setting;
import org.gantry.core.run.GantrySchema;
import org.gantry.core.run.Presets;
import org.gantry.core.run.TrainingRun;
import org.gantry.core.train.DivergenceException;
import org.gantry.core.train.TrainSettings;
import org.gantry.core.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gantry train}: resolves the configuration, then runs or resumes training. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Train a GAN. With no options, trains the default preset ('" + Presets.DEFAULT + "').",
            "Configuration layers, later ones winning: defaults, --preset, --config, --set."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    Path configFile;

    @Option(names = "--preset", paramLabel = "NAME", description = "Start from a preset (see `gantry presets`).")
    String preset;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one key; repeatable.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/<name>-<time>).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run in DIR from its last checkpoint (only --set of "
                    + "train.steps, eval.every, output.* and train.threads may accompany it).")
    Path resume;

    @Option(names = "--describe", description = "List every configuration key with its default and exit.")
    boolean describe;

    @Override
    public Integer call() {
        Schema schema = GantrySchema.create();
        if (describe) {
            describe(schema);
            return 0;
        }
        return CommandErrors.guarded(() -> train(schema));
    }

    private int train(Schema schema) throws IOException {
        try (ClassifierProgress classifier = ClassifierProgress.forConsole()) {
            Config config = resolve(schema);
            Path dir = resume != null ? resume : out != null ? out : defaultOutput();
            // Said when the run starts writing, after every check: a rejected run names no directory.
            TrainingListener directory = new TrainingListener() {
                @Override
                public void onStart(RunInfo info) {
                    System.out.println("run directory: " + dir.toAbsolutePath());
                }
            };
            List<TrainingListener> listeners = List.of(directory,
                    ProgressReporter.create(config.get(TrainSettings.LOG_EVERY)));
            TrainingRun run = (resume != null ? TrainingRun.resume(config, dir, listeners)
                    : TrainingRun.create(config, dir, listeners)).withClassifierListener(classifier);
            Map<String, Object> summary = run.run();
            if ("interrupted".equals(summary.get("status"))) {
                return Main.EXIT_INTERRUPTED; // the shutdown hook says where the checkpoint is
            }
            System.out.println(summaryText(summary, dir));
            return 0;
        } catch (DivergenceException e) {
            System.err.println("gantry: " + e.getMessage() + "; the last good checkpoint is kept");
            return Main.EXIT_DIVERGED;
        }
    }

    Config resolve(Schema schema) {
        ConfigBuilder b = new ConfigBuilder(schema);
        for (Path p : new Path[] {out, resume, configFile}) {
            if (p != null && p.toString().isBlank()) {
                throw new ConfigException("--out, --resume and --config take a path; an empty one was given");
            }
        }
        if (resume != null) {
            if (preset != null || configFile != null) {
                throw new ConfigException("--resume continues a run with its own config.yaml; drop --preset and --config");
            }
            if (out != null && !out.toAbsolutePath().normalize().equals(resume.toAbsolutePath().normalize())) {
                throw new ConfigException("--resume continues the run in its own directory (" + resume + "), so --out "
                        + out + " would be ignored; drop --out, or copy the run directory first and resume the copy");
            }
            TrainingRun.configOf(resume, b);
        } else {
            // A config file alone stands on the schema's defaults; otherwise a preset is the base.
            String base = preset != null ? preset : configFile == null ? Presets.DEFAULT : null;
            if (base != null) {
                b.apply(Presets.load(base), "preset " + base);
            }
            if (configFile != null) {
                b.applyFile(configFile);
            }
        }
        for (String s : overrides) {
            b.set(s);
        }
        return b.build();
    }

    static String summaryText(Map<String, Object> s, Path dir) {
        StringBuilder b = new StringBuilder(String.format("done: %s steps in %.1f s (%.1f steps/s)", s.get("steps"),
                (Double) s.get("wall_seconds"), (Double) s.get("steps_per_second")));
        // The run lists its evaluation's results (metric values and a game's own, such as code_accuracy).
        List<?> reported = s.get("reported") instanceof List<?> l ? l : List.of();
        for (Object k : reported) {
            if (s.get(k.toString()) instanceof Double v) {
                b.append(String.format("  %s %.4g", k, v));
            }
        }
        return b.append(System.lineSeparator()).append("results: ").append(dir.resolve("summary.json"))
                .append(", samples: ").append(dir.resolve("samples")).append(", charts: ").append(dir.resolve("plots"))
                .toString();
    }

    private Path defaultOutput() {
        String name = preset != null ? preset
                : configFile != null ? configFile.getFileName().toString().replaceFirst("\\.ya?ml$", "") : Presets.DEFAULT;
        return Path.of("runs", name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    private static void describe(Schema schema) {
        for (Setting<?> s : schema.settings()) {
            System.out.printf("%-24s %s%n", s.key(), s.description());
            System.out.printf("%-24s   default: %s; allowed: %s%n", "", s.defaultValue() == null ? "(unset)"
                    : s.defaultValue(), s.type().allowed());
        }
    }
}
