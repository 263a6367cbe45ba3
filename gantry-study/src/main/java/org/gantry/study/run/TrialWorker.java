package org.gantry.study.run;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.config.ConfigException;
import org.gantry.core.run.GantrySchema;
import org.gantry.core.run.TrainingRun;
import org.gantry.core.train.DivergenceException;
import org.gantry.io.Json;

/**
 * A worker JVM's main: trains one trial to one step, creating its run or resuming it from the
 * newest checkpoint, then exits. It holds a lock on the trial so that a worker left over from a
 * killed driver and a new one never write the same run, and it ends itself (with a checkpoint)
 * when the process that started it is gone. Arguments: the trial directory and the step to reach.
 */
public final class TrialWorker {
    static final String RUN = "run";
    static final String CONFIG = "trial.yaml";

    private TrialWorker() {}

    public static void main(String[] args) {
        System.exit(run(Path.of(args[0]), Integer.parseInt(args[1])));
    }

    static int run(Path trialDir, int until) {
        try (FileChannel channel = FileChannel.open(trialDir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                System.err.println("trial " + trialDir + " is held by another worker");
                return SegmentOutcome.EXIT_BUSY;
            }
            watchParent();
            return train(trialDir, until);
        } catch (ConfigException e) {
            System.err.println("gantry: " + e.getMessage());
            return SegmentOutcome.EXIT_BAD_INPUT;
        } catch (DivergenceException e) {
            System.err.println("gantry: " + e.getMessage());
            return SegmentOutcome.EXIT_DIVERGED;
        } catch (IOException | RuntimeException e) {
            e.printStackTrace();
            return 1;
        }
    }

    private static int train(Path trialDir, int until) throws IOException {
        Path run = trialDir.resolve(RUN);
        if (reached(run, until)) {
            return 0; // a repeated segment (a retried task, a restarted driver): nothing to do
        }
        Config config = new ConfigBuilder(GantrySchema.create()).applyFile(trialDir.resolve(CONFIG))
                .set("train.steps=" + until).build();
        boolean started = Files.isRegularFile(run.resolve("config.yaml"));
        Map<String, Object> summary = (started ? TrainingRun.resume(config, run, List.of())
                : TrainingRun.create(config, run, List.of())).run();
        return "completed".equals(summary.get("status")) ? 0 : 1;
    }

    /** Whether the run has already finished {@code until} steps. */
    static boolean reached(Path run, int until) throws IOException {
        Path summary = run.resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
            return false;
        }
        Map<String, Object> s = Json.mapper().readValue(summary.toFile(), new TypeReference<Map<String, Object>>() {});
        return "completed".equals(s.get("status")) && s.get("steps") instanceof Number n && n.longValue() >= until;
    }

    /** Ends this JVM the way SIGTERM would (checkpoint first) once its parent is gone. */
    private static void watchParent() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return;
        }
        Thread t = new Thread(() -> {
            while (parent.isAlive()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("the study driver is gone; stopping after a checkpoint");
            System.exit(130);
        }, "gantry-parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
