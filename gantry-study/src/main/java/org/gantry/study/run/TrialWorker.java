package org.gantry.study.run;

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
import org.gantry.core.checkpoint.CheckpointStore;
import org.gantry.core.run.GantrySchema;
import org.gantry.core.run.TrainingRun;
import org.gantry.core.train.DivergenceException;

/**
 * A worker JVM's main: trains one trial to one step, creating its run or resuming it from the
 * newest checkpoint, then exits. It holds a lock on the trial so that a worker left over from a
 * killed driver and a new one never write the same run, and it ends itself (with a checkpoint)
 * when the process that started it is gone. Arguments: the trial directory, the step to reach, and
 * the launching process's pid and start time in epoch milliseconds.
 */
public final class TrialWorker {
    public static final String RUN = "run";
    public static final String CONFIG = "trial.yaml";
    /** Held by the worker training the trial; free when none is. */
    public static final String LOCK = ".lock";

    private TrialWorker() {}

    public static void main(String[] args) {
        System.exit(run(Path.of(args[0]), Integer.parseInt(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3])));
    }

    static int run(Path trialDir, int until, long launcherPid, long launcherStart) {
        try (FileChannel channel = FileChannel.open(trialDir.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                System.err.println("trial " + trialDir + " is held by another worker");
                return SegmentOutcome.EXIT_BUSY;
            }
            watchLauncher(launcherPid, launcherStart);
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

    /**
     * Whether the run has already trained {@code until} steps: a checkpoint at or past it exists.
     * A run evaluates, then checkpoints, then writes its summary, so a worker killed between the
     * checkpoint and the summary has finished the segment (its evaluation is in the metrics log).
     */
    static boolean reached(Path run, int until) throws IOException {
        Path checkpoints = run.resolve("checkpoints");
        if (!Files.isDirectory(checkpoints)) {
            return false;
        }
        return new CheckpointStore(checkpoints, Integer.MAX_VALUE).list().stream()
                .anyMatch(f -> CheckpointStore.stepOf(f) >= until);
    }

    /**
     * Ends this JVM the way SIGTERM would (checkpoint first) once the process that launched it is
     * gone, also when it was gone before this JVM got here.
     */
    private static void watchLauncher(long pid, long startMillis) {
        Thread t = new Thread(() -> {
            while (alive(pid, startMillis)) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("the process that started this worker is gone; stopping after a checkpoint");
            System.exit(130);
        }, "gantry-launcher-watch");
        t.setDaemon(true);
        t.start();
    }

    private static boolean alive(long pid, long startMillis) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> startMillis == 0 || h.info().startInstant().map(i -> i.toEpochMilli() == startMillis).orElse(true))
                .isPresent();
    }
}
