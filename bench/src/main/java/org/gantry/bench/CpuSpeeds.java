package org.gantry.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The same fixed loop timed with the measuring thread pinned to each CPU in turn. The CPUs of a
 * virtual machine need not be equally fast, nor stay so: on a 2-vCPU Zen 5 a shell loop ran 1.5×
 * slower on one vCPU than on the other, and minutes later on neither (docs/RESULTS.md, issue 19,
 * fourteenth session), as when another tenant's thread shares a vCPU's physical core. So the loop
 * keeps a core's integer units busy with six independent xorshift streams, the kind of work such
 * sharing slows; the first-level-cache probe's recurrence ({@link NoiseFloor}) waits on each result
 * and does not notice it.
 *
 * @param msByCpu each CPU's median time for the loop, in CPU order
 */
record CpuSpeeds(Map<Integer, Double> msByCpu) {
    /** Runs per CPU; the CPUs take turns so that a slow spell of the host is spread over all of them. */
    static final int RUNS = 7;
    private static final long CALIBRATION_ROUNDS = 100_000;
    /** Calibration runs at least this long, so the loop is compiled before it is sized. */
    private static final long CALIBRATION_NANOS = 300_000_000L;

    /**
     * Times the loop, about {@code targetMs} a run, on each of {@code cpus}; the calling thread is
     * then let run on {@code restore} (a CPU list as {@link org.gantry.io.CpuLists#parse} reads it).
     */
    static CpuSpeeds measure(List<Integer> cpus, double targetMs, String restore) throws IOException {
        Map<Integer, List<Double>> times = new LinkedHashMap<>();
        try {
            long rounds = FixedWorkload.repeatsFor(targetMs,
                    FixedWorkload.fastest(() -> streams(CALIBRATION_ROUNDS) / CALIBRATION_ROUNDS, 20, CALIBRATION_NANOS));
            for (int run = 0; run <= RUNS; run++) {
                for (int cpu : cpus) {
                    CpuAffinity.pinCurrentThread(String.valueOf(cpu));
                    double ms = streams(rounds);
                    if (run > 0) {
                        // the first run on each CPU only brings the thread there
                        times.computeIfAbsent(cpu, c -> new ArrayList<>()).add(ms);
                    }
                }
            }
        } finally {
            CpuAffinity.pinCurrentThread(restore);
        }
        Map<Integer, Double> medians = new LinkedHashMap<>();
        times.forEach((cpu, t) -> medians.put(cpu, Quartiles.of(t).median()));
        return new CpuSpeeds(medians);
    }

    /** {@code rounds} steps of six independent xorshift streams; the time in ms. */
    static double streams(long rounds) {
        long start = System.nanoTime();
        long a = 1;
        long b = 2;
        long c = 3;
        long d = 4;
        long e = 5;
        long f = 6;
        for (long r = 0; r < rounds; r++) {
            a ^= a << 13;
            a ^= a >>> 7;
            a ^= a << 17;
            b ^= b << 13;
            b ^= b >>> 7;
            b ^= b << 17;
            c ^= c << 13;
            c ^= c >>> 7;
            c ^= c << 17;
            d ^= d << 13;
            d ^= d >>> 7;
            d ^= d << 17;
            e += a * 3 + b;
            f += c ^ d;
        }
        if ((a ^ b ^ c ^ d ^ e ^ f) == 42) {
            // keeps the streams live so the JIT cannot drop the loop; practically never true
            System.err.print("");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** How much slower the slowest CPU is than the fastest: 0.5 for 1.5× the time. */
    double spread() {
        double fastest = msByCpu.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double slowest = msByCpu.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return slowest / fastest - 1;
    }

    /** "cpu0 31.0 ms, cpu1 20.6 ms". */
    String describe() {
        return msByCpu.entrySet().stream().map(e -> String.format("cpu%d %.1f ms", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
