package org.gantry.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed single-thread workload of about one step's length, timed between the sides' blocks: the
 * spread of a task whose work never changes is what the machine itself adds, the floor under any
 * step's interquartile range here. On a shared virtual machine it is far from zero, and a step's
 * IQR can only be read against it.
 *
 * <p>The work is a recurrence over a small array that stays in the first-level cache, so neither
 * memory, the allocator nor the JIT (compiled during calibration) varies between runs: only the
 * core's availability and clock do.
 */
final class NoiseFloor {
    private static final int LENGTH = 1024;
    private final double[] values = new double[LENGTH];
    private final long sweeps;
    /** Kept so the JIT cannot drop the work. */
    private double sink;

    private NoiseFloor(long sweeps) {
        this.sweeps = sweeps;
        for (int i = 0; i < LENGTH; i++) {
            values[i] = 1 + i * 1e-6;
        }
    }

    /** A workload of about {@code targetMs}, sized by timing it (which also compiles it). */
    static NoiseFloor calibrated(double targetMs) {
        NoiseFloor probe = new NoiseFloor(64);
        double perSweep = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 20; i++) {
            perSweep = Math.min(perSweep, probe.runMs() / probe.sweeps);
        }
        return new NoiseFloor(sweepsFor(targetMs, perSweep));
    }

    /** Sweeps that take {@code targetMs} at {@code msPerSweep}; at least one. */
    static long sweepsFor(double targetMs, double msPerSweep) {
        return Math.max(1, Math.round(targetMs / msPerSweep));
    }

    /** Times of {@code runs} runs, in ms. */
    List<Double> run(int runs) {
        List<Double> times = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            times.add(runMs());
        }
        return times;
    }

    double runMs() {
        long start = System.nanoTime();
        double s = sink;
        for (long sweep = 0; sweep < sweeps; sweep++) {
            for (int i = 0; i < LENGTH; i++) {
                s = s * 0.999999 + values[i];
            }
        }
        sink = s;
        return (System.nanoTime() - start) / 1e6;
    }
}
