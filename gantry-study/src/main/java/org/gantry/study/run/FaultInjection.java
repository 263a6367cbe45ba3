package org.gantry.study.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.gantry.core.checkpoint.CheckpointStore;

/**
 * A test hook for the fault evidence: kills (SIGKILL, no checkpoint of its own) a seeded random
 * share of the workers the local pool starts, each as soon as its run has written a checkpoint in
 * this segment (mid-segment, or at its end before the run's summary), on any machine, or after
 * {@code maxWaitMillis}.
 * Set by {@code -Dgantry.study.kill=rate,maxWaitMillis,seed}; off by default.
 */
public final class FaultInjection {
    public static final FaultInjection NONE = new FaultInjection(0, 0, 0);
    private final double rate;
    private final long maxWaitMillis;
    private final SplittableRandom random;

    public FaultInjection(double rate, long maxWaitMillis, long seed) {
        this.rate = rate;
        this.maxWaitMillis = maxWaitMillis;
        this.random = new SplittableRandom(seed);
    }

    public static FaultInjection fromSystemProperty() {
        String spec = System.getProperty("gantry.study.kill");
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        String[] p = spec.split(",");
        return new FaultInjection(Double.parseDouble(p[0]), Long.parseLong(p[1]), p.length > 2 ? Long.parseLong(p[2]) : 0);
    }

    synchronized void maybeKill(Process p, Path trialDir) {
        if (rate <= 0 || random.nextDouble() >= rate) {
            return;
        }
        Path checkpoints = trialDir.resolve(TrialWorker.RUN).resolve("checkpoints");
        long before = newestStep(checkpoints);
        Thread t = new Thread(() -> {
            long deadline = System.currentTimeMillis() + maxWaitMillis;
            try {
                while (p.isAlive() && newestStep(checkpoints) <= before && System.currentTimeMillis() < deadline) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                return;
            }
            p.destroyForcibly();
        }, "gantry-study-fault");
        t.setDaemon(true);
        t.start();
    }

    /** The step of the newest checkpoint (older ones are deleted as new ones come, so a count would not grow). */
    private static long newestStep(Path dir) {
        try {
            return new CheckpointStore(dir, Integer.MAX_VALUE).latest().map(CheckpointStore::stepOf).orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }
}
