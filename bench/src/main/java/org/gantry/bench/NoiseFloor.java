package org.gantry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fixed workload of about one step's length on as many threads as the step uses, timed between
 * the sides' blocks: the spread of a task whose work never changes is what the machine itself adds,
 * the floor under any step's interquartile range here. On a shared virtual machine it is far from
 * zero, and a step's IQR can only be read against it. With several threads a run lasts until the
 * slowest finishes, so time taken from any one core shows, as it does at a step's synchronisation
 * points.
 *
 * <p>The work is a recurrence over a small array that stays in the first-level cache: each value
 * depends on the last, so the JIT can neither drop nor vectorise it, and neither memory, the
 * allocator nor compilation varies between runs; only the cores' availability and clock do.
 */
final class NoiseFloor extends FixedWorkload implements AutoCloseable {
    private static final int LENGTH = 1024;
    /** Calibration probes for at least this long, so the loop is compiled before it is sized. */
    private static final long CALIBRATION_NANOS = 500_000_000L;

    private final double[] values = new double[LENGTH];
    private final long sweeps;
    private final int threads;
    private final ExecutorService helpers;

    private NoiseFloor(long sweeps, int threads) {
        this.sweeps = sweeps;
        this.threads = threads;
        this.helpers = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "noise-floor");
            t.setDaemon(true);
            return t;
        }) : null;
        for (int i = 0; i < LENGTH; i++) {
            values[i] = 1 + i * 1e-6;
        }
    }

    /** A workload of about {@code targetMs} on {@code threads} threads, sized by timing one sweep on one. */
    static NoiseFloor calibrated(double targetMs, int threads) {
        NoiseFloor probe = new NoiseFloor(64, 1);
        double perSweep = fastest(() -> probe.sweep(probe.sweeps) / probe.sweeps, 20, CALIBRATION_NANOS);
        return new NoiseFloor(repeatsFor(targetMs, perSweep), threads);
    }

    /** Until the slowest thread is done. */
    @Override
    double runMs() {
        long start = System.nanoTime();
        List<Future<Double>> others = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            others.add(helpers.submit(() -> sweep(sweeps)));
        }
        sweep(sweeps);
        try {
            for (Future<Double> f : others) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("noise-floor thread failed", e);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** The recurrence over {@code n} sweeps of the array; its own time in ms. */
    private double sweep(long n) {
        long start = System.nanoTime();
        double s = 0;
        for (long sweep = 0; sweep < n; sweep++) {
            for (int i = 0; i < LENGTH; i++) {
                s = s * 0.999999 + values[i];
            }
        }
        if (s == 42) {
            // Never true for these values; the test keeps the result live so the loop stays.
            System.err.print("");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
