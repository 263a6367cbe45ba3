package org.gantry.bench;

/**
 * The memory-bound probe beside {@link NoiseFloor}: passes over a 16 MiB array, a cache line at a
 * time, on one thread. The array is larger than a core's private second-level cache (1 MiB on the
 * Zen 4 measured, 1–2 MiB on current server cores) and smaller than the last-level cache (32 MiB
 * there), so its time moves with what other processes and tenants do to that shared cache and to
 * memory. A training step's working set (parameters, gradients, optimiser moments, activations: about
 * 19 MB for the ring's MLPs) lives there too, and NoiseFloor's first-level-cache loop cannot see it
 * (docs/RESULTS.md, issue 19, fourth session).
 */
final class MemoryNoise extends FixedWorkload {
    static final int MIB = 16;
    /** log2 of the floats per 64-byte cache line. */
    private static final int LINE_SHIFT = 4;
    /** log2 of the lines in the array: 2^18 lines of 64 bytes are 16 MiB. */
    static final int LINE_BITS = 18;
    private static final long CALIBRATION_NANOS = 300_000_000L;

    private final float[] values = new float[(1 << LINE_BITS) << LINE_SHIFT];
    private long passes = 1;
    private float sink;

    private MemoryNoise() {
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 7;
        }
    }

    /** A workload of about {@code targetMs}, sized by timing single passes for a while. */
    static MemoryNoise calibrated(double targetMs) {
        MemoryNoise noise = new MemoryNoise();
        double perPass = fastest(noise::runMs, 5, CALIBRATION_NANOS);
        noise.passes = repeatsFor(targetMs, perPass);
        return noise;
    }

    /** Passes per run. */
    long passes() {
        return passes;
    }

    @Override
    double runMs() {
        long start = System.nanoTime();
        float s = sink;
        int lines = 1 << LINE_BITS;
        for (long p = 0; p < passes; p++) {
            for (int line = 0; line < lines; line++) {
                // a streaming write and a read at a scrambled line: bandwidth and latency both count
                values[line << LINE_SHIFT] += 1f;
                s += values[scrambled(line) << LINE_SHIFT];
            }
        }
        sink = s;
        return (System.nanoTime() - start) / 1e6;
    }

    /** The running sum, kept so that the loop cannot be dropped. */
    float sink() {
        return sink;
    }

    /**
     * The line read at step {@code line} of a pass: a bijection of the {@link #LINE_BITS}-bit line
     * numbers (odd multipliers and xor-shifts are each invertible), so every line is read once per
     * pass, in an order without a fixed stride for a prefetcher to follow.
     */
    static int scrambled(int line) {
        int mask = (1 << LINE_BITS) - 1;
        int x = line * 0x9E3779B1 & mask;
        x ^= x >>> (LINE_BITS / 2);
        x = x * 0x85EBCA6B & mask;
        return x ^ x >>> (LINE_BITS / 2);
    }
}
