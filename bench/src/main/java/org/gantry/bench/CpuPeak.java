package org.gantry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A nominal fp32 peak of this CPU from /proc/cpuinfo: threads × clock × FLOPs per cycle per core.
 * FLOPs per cycle assume two FMA units per core: 2 × 16 lanes × 2 = 64 with AVX-512, 2 × 8 × 2 = 32
 * with AVX2 and FMA, otherwise 8 (SSE, one add and one multiply of 4 lanes). The clock is the
 * "cpu MHz" that the kernel reports, which on a virtual machine is the nominal clock; turbo and
 * AVX-512 down-clocking are ignored, so the fraction of peak is a rough guide.
 */
record CpuPeak(String model, double mhz, int flopsPerCycle, String isa) {

    /** Reads /proc/cpuinfo; unknown fields become "unknown" and NaN. */
    static CpuPeak read() {
        try {
            return parse(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException e) {
            return parse("");
        }
    }

    /** Parses the first processor's entries of a /proc/cpuinfo text. */
    static CpuPeak parse(String cpuinfo) {
        String model = field(cpuinfo, "model name");
        String mhz = field(cpuinfo, "cpu MHz");
        String flagsLine = field(cpuinfo, "flags");
        Set<String> flags = Set.of(flagsLine == null ? new String[0] : flagsLine.split("\\s+"));
        double clock;
        try {
            clock = mhz == null ? Double.NaN : Double.parseDouble(mhz);
        } catch (NumberFormatException e) {
            clock = Double.NaN;
        }
        if (flags.contains("avx512f")) {
            return new CpuPeak(model == null ? "unknown" : model, clock, 64, "AVX-512");
        }
        if (flags.contains("avx2") && flags.contains("fma")) {
            return new CpuPeak(model == null ? "unknown" : model, clock, 32, "AVX2+FMA");
        }
        return new CpuPeak(model == null ? "unknown" : model, clock, 8, "SSE");
    }

    /** Peak GFLOP/s on {@code threads} cores. */
    double peakGflops(int threads) {
        return threads * mhz * 1e6 * flopsPerCycle / 1e9;
    }

    private static String field(String text, String name) {
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
