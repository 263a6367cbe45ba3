package org.gantry.study.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The default executor: up to {@code workers} worker JVMs on this machine, one per running segment.
 * A separate JVM per segment because DJL allows one gradient collector per JVM, and because a
 * trial that crashes its JVM (or is killed) then takes nothing else down. A worker's output goes
 * to {@code worker.log} in its trial directory.
 *
 * <p>For fault tests, {@link Faults} kills a seeded random share of the workers it starts.
 */
public final class LocalPool implements TrialExecutor {
    private final int workers;
    private final ExecutorService threads;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final Faults faults;
    private volatile boolean closing;

    public LocalPool(int workers, Faults faults) {
        this.workers = workers;
        this.faults = faults;
        this.threads = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "gantry-study-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Worker JVMs when the study leaves it open: the cores, each worker using {@code threadsPerTrial}. */
    public static int defaultWorkers(int threadsPerTrial) {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, cores / Math.max(1, threadsPerTrial));
    }

    @Override
    public int capacity() {
        return workers;
    }

    @Override
    public void start(Segment segment, Path trialDir, Consumer<SegmentOutcome> done) {
        threads.execute(() -> done.accept(runWorker(segment, trialDir)));
    }

    private SegmentOutcome runWorker(Segment segment, Path trialDir) {
        if (closing) {
            return new SegmentOutcome(segment, SegmentOutcome.Kind.CRASHED, 130, "the study is stopping");
        }
        Path log = trialDir.resolve("worker.log");
        try {
            ProcessBuilder pb = new ProcessBuilder(WorkerCommand.of(trialDir, segment.until()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process p = pb.start();
            running.add(p);
            faults.maybeKill(p);
            int code = p.waitFor();
            running.remove(p);
            SegmentOutcome.Kind kind = SegmentOutcome.kindOf(code);
            return new SegmentOutcome(segment, kind, code, kind == SegmentOutcome.Kind.DONE ? null : lastLine(log));
        } catch (IOException | RuntimeException e) {
            // Reported, never swallowed by the thread pool: the driver waits for every outcome.
            return new SegmentOutcome(segment, SegmentOutcome.Kind.CRASHED, -1, "cannot start a worker JVM: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SegmentOutcome(segment, SegmentOutcome.Kind.CRASHED, -1, "interrupted");
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
        } catch (IOException e) {
            // the log is only for the message
        }
        return "no output";
    }

    @Override
    public void close() {
        closing = true;
        running.forEach(Process::destroy); // SIGTERM: each worker writes a checkpoint first
        threads.shutdown();
        try {
            threads.awaitTermination(3, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.forEach(Process::destroyForcibly);
    }

    /**
     * A test hook: kills (SIGKILL, no checkpoint) each started worker with probability
     * {@code rate}, after a random delay of up to {@code maxDelayMillis}. Set by the system
     * property {@code gantry.study.kill=rate,maxDelayMillis,seed}; off by default.
     */
    public static final class Faults {
        public static final Faults NONE = new Faults(0, 0, 0);
        private final double rate;
        private final long maxDelayMillis;
        private final SplittableRandom random;

        public Faults(double rate, long maxDelayMillis, long seed) {
            this.rate = rate;
            this.maxDelayMillis = maxDelayMillis;
            this.random = new SplittableRandom(seed);
        }

        public static Faults fromSystemProperty() {
            String spec = System.getProperty("gantry.study.kill");
            if (spec == null || spec.isBlank()) {
                return NONE;
            }
            String[] p = spec.split(",");
            return new Faults(Double.parseDouble(p[0]), Long.parseLong(p[1]), p.length > 2 ? Long.parseLong(p[2]) : 0);
        }

        synchronized void maybeKill(Process p) {
            if (rate <= 0 || random.nextDouble() >= rate) {
                return;
            }
            long delay = random.nextLong(Math.max(1, maxDelayMillis));
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    return;
                }
                p.destroyForcibly();
            }, "gantry-study-fault");
            t.setDaemon(true);
            t.start();
        }
    }
}
