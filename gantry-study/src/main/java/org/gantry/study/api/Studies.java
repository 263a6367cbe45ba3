package org.gantry.study.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.gantry.config.Yaml;
import org.gantry.study.plan.StudyPlan;
import org.gantry.study.run.StudyCounts;
import org.gantry.study.run.StudyDirectory;
import org.gantry.study.run.StudyListener;
import org.gantry.study.run.StudyRunner;
import org.gantry.study.run.TrialExecutor;
import org.gantry.study.run.TrialExecutors;
import org.gantry.study.spec.StudyFile;
import org.gantry.study.spec.StudySpec;
import org.gantry.study.stop.StoppingPolicies;

/**
 * Studies from Java: {@link #builder()} or {@link #read(Path)} describes one, {@link #run} runs it
 * (or continues it) in a directory, as {@code gantry study run} does.
 */
public final class Studies {
    private Studies() {}

    public static StudyBuilder builder() {
        return new StudyBuilder();
    }

    public static StudySpec read(Path file) {
        return StudyFile.read(file);
    }

    /** The study file with overrides of its own keys, {@code key=value} (e.g. {@code search.seed=3}). */
    public static StudySpec read(Path file, java.util.List<String> overrides) {
        return StudyFile.read(file, overrides);
    }

    /**
     * Plans the study (every trial's configuration checked), writes the plan to {@code dir} and runs
     * every trial not yet finished on the executor named {@code on} ({@code local} or a provider's).
     */
    public static StudyCounts run(StudySpec spec, Path dir, String on, Map<String, String> options, StudyListener listener)
            throws IOException, InterruptedException {
        StudyDirectory directory = new StudyDirectory(dir);
        StudyPlan plan = StudyPlan.of(spec, directory.knownIds());
        try (TrialExecutor executor = TrialExecutors.create(on, plan, directory, options)) {
            directory.write(plan, Yaml.write(spec.document()));
            StudyRunner runner = new StudyRunner(plan, directory, executor, StoppingPolicies.create(spec),
                    StoppingPolicies.protectedIds(plan), listener);
            // Ctrl-C or SIGTERM: stop starting segments, let the running ones checkpoint, record them as waiting.
            Thread hook = new Thread(() -> {
                runner.requestStop();
                executor.close();
                runner.awaitEnd(60);
            }, "gantry-study-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return runner.run();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down: the hook is running
                }
            }
        }
    }
}
