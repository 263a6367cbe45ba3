package org.gantry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A nominal fp32 peak of this CPU from /proc/cpuinfo: threads × clock × FLOPs per cycle per core.
 *
 * <p>FLOPs per cycle are those of two FMA units per core at the widest vector the core executes in
 * one pass: 2 × 16 lanes × 2 = 64 with AVX-512, except on AMD's family 19h (Zen 4), which accepts
 * AVX-512 instructions but runs each on its 256-bit units in two passes, so 32 as with AVX2 and FMA
 * (server and desktop Zen 5, family 1Ah, have full-width units: 64; mobile Zen 5 parts split them
 * again and are not told apart). Without FMA, 8 (SSE, one add and one multiply of 4
 * lanes). Intel parts with one AVX-512 FMA unit per core (some Silver and Bronze Xeons) are not told
 * apart and get 64. The clock is the "cpu MHz" that the kernel reports, which on a virtual machine is
 * the nominal clock; boost and AVX-512 down-clocking are ignored. So this is a guide: where the
 * boost clock is well above nominal, well-tuned code can exceed it, which is why the step benches
 * also print the measured {@link SgemmCeiling}.
 */
record CpuPeak(String model, double mhz, int flopsPerCycle, String isa) {
    /** AMD's family 19h: Zen 3 (no AVX-512) and Zen 4 (AVX-512 on 256-bit units). */
    private static final int AMD_FAMILY_19H = 0x19;

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
        String named = model == null ? "unknown" : model;
        double clock = number(field(cpuinfo, "cpu MHz"));
        String flagsLine = field(cpuinfo, "flags");
        Set<String> flags = Set.of(flagsLine == null ? new String[0] : flagsLine.split("\\s+"));
        boolean amdZen4 = "AuthenticAMD".equals(field(cpuinfo, "vendor_id"))
                && number(field(cpuinfo, "cpu family")) == AMD_FAMILY_19H;
        if (flags.contains("avx512f") && amdZen4) {
            return new CpuPeak(named, clock, 32, "AVX-512 run as two 256-bit halves on AMD Zen 4, 2 FMA units per core");
        }
        if (flags.contains("avx512f")) {
            return new CpuPeak(named, clock, 64, "AVX-512, assuming 2 FMA units per core");
        }
        if (flags.contains("avx2") && flags.contains("fma")) {
            return new CpuPeak(named, clock, 32, "AVX2+FMA, assuming 2 FMA units per core");
        }
        return new CpuPeak(named, clock, 8, "SSE");
    }

    /** Peak GFLOP/s on {@code threads} cores. */
    double peakGflops(int threads) {
        return threads * mhz * 1e6 * flopsPerCycle / 1e9;
    }

    private static double number(String text) {
        try {
            return text == null ? Double.NaN : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
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
