package org.gantry.study.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The default executor: up to {@code workers} worker JVMs on this machine, one per running segment.
 * A separate JVM per segment because DJL allows one gradient collector per JVM, and because a
 * trial that crashes its JVM (or is killed) then takes nothing else down.
 */
public final class LocalPool implements TrialExecutor {
    private final int workers;
    private final ExecutorService threads;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final FaultInjection faults;
    private volatile boolean closing;

    public LocalPool(int workers, FaultInjection faults) {
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
        try {
            threads.execute(() -> done.accept(runWorker(segment, trialDir)));
        } catch (RejectedExecutionException e) {
            done.accept(new SegmentOutcome(segment, SegmentOutcome.Kind.INTERRUPTED, -1, "the study is stopping"));
        }
    }

    private SegmentOutcome runWorker(Segment segment, Path trialDir) {
        if (closing) {
            return new SegmentOutcome(segment, SegmentOutcome.Kind.INTERRUPTED, -1, "the study is stopping");
        }
        try {
            Process p = WorkerProcess.start(WorkerCommand.of(trialDir, segment.until()), trialDir);
            running.add(p);
            faults.maybeKill(p, trialDir);
            int code = p.waitFor();
            running.remove(p);
            return WorkerProcess.outcome(segment, code, trialDir, closing);
        } catch (IOException | RuntimeException e) {
            // Reported, never swallowed by the thread pool: the driver waits for every outcome.
            return new SegmentOutcome(segment, SegmentOutcome.Kind.CRASHED, -1, "cannot start a worker JVM: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SegmentOutcome(segment, SegmentOutcome.Kind.INTERRUPTED, -1, "interrupted");
        }
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
}
