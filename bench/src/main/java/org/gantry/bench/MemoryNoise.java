package org.gantry.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed memory-bound workload of about one step's length, timed between the sides' blocks beside
 * {@link NoiseFloor}: passes over a 16 MiB array, one cache line at a time, on one thread. The array
 * is larger than a core's private second-level cache on the CPUs measured (1–2 MiB) and smaller than
 * their shared last-level cache (32 MiB), so its time moves with what other processes and tenants do
 * to that shared cache and to memory bandwidth. A training step's working set (parameters, gradients,
 * optimiser moments and activations: about 19 MB for the ring's MLPs) lives there too, while the
 * first-level-cache loop of NoiseFloor does not see it. On a shared Zen 4 its 25-step medians ranged
 * over 130 % and tracked the ring step's (correlation 0.93; docs/RESULTS.md, issue 19).
 */
final class MemoryNoise {
    static final int MIB = 16;
    /** Floats per 64-byte cache line. */
    private static final int LINE = 16;
    private static final long CALIBRATION_NANOS = 300_000_000L;

    private final float[] values = new float[MIB * 1024 * 1024 / Float.BYTES];
    private final int passes;
    private float sink;

    private MemoryNoise(int passes) {
        this.passes = passes;
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 7;
        }
    }

    /** A workload of about {@code targetMs}, sized by timing single passes for a while. */
    static MemoryNoise calibrated(double targetMs) {
        MemoryNoise probe = new MemoryNoise(1);
        double perPass = Double.POSITIVE_INFINITY;
        long start = System.nanoTime();
        for (int i = 0; i < 5 || System.nanoTime() - start < CALIBRATION_NANOS; i++) {
            perPass = Math.min(perPass, probe.runMs());
        }
        return new MemoryNoise(passesFor(targetMs, perPass));
    }

    /** Passes that take {@code targetMs} at {@code msPerPass}; at least one. */
    static int passesFor(double targetMs, double msPerPass) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(targetMs / msPerPass)));
    }

    /** Times of {@code runs} runs, in ms. */
    List<Double> run(int runs) {
        List<Double> times = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            times.add(runMs());
        }
        return times;
    }

    private double runMs() {
        long start = System.nanoTime();
        float s = sink;
        int mask = values.length - 1;
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < values.length; i += LINE) {
                values[i] += 1f;
                // a second, scattered read keeps the hardware prefetcher from hiding the latency
                s += values[(i * 7) & mask];
            }
        }
        sink = s;
        return (System.nanoTime() - start) / 1e6;
    }

    /** The running sum, kept so the loop cannot be dropped. */
    float sink() {
        return sink;
    }
}
