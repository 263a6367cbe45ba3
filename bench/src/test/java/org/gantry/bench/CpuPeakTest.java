package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** FLOPs per cycle from the vendor, family and instruction-set flags, and the peak from clock and threads. */
class CpuPeakTest {
    private static String cpuinfo(String vendor, int family, String flags) {
        return "processor\t: 0\nvendor_id\t: " + vendor + "\ncpu family\t: " + family
                + "\nmodel name\t: Test CPU @ 2.60GHz\ncpu MHz\t\t: 2600.000\nflags\t\t: " + flags + "\n\n"
                + "processor\t: 1\nvendor_id\t: other\ncpu family\t: 1\nmodel name\t: other\ncpu MHz\t\t: 1000.000\n"
                + "flags\t\t: sse\n";
    }

    private static String cpuinfo(String flags) {
        return cpuinfo("GenuineIntel", 6, flags);
    }

    @Test
    void avx512CountsSixtyFourFlopsPerCycle() {
        CpuPeak cpu = CpuPeak.parse(cpuinfo("fpu sse avx2 fma avx512f avx512bw"));
        assertThat(cpu.model()).isEqualTo("Test CPU @ 2.60GHz");
        assertThat(cpu.flopsPerCycle()).isEqualTo(64);
        assertThat(cpu.peakGflops(2)).isCloseTo(332.8, Offset.offset(1e-9));
    }

    @Test
    void zen4RunsAvx512OnHalfWidthUnits() {
        // family 19h = 25 (Zen 4, e.g. EPYC 9004) halves AVX-512's width; family 1Ah = 26 (Zen 5) does not
        CpuPeak zen4 = CpuPeak.parse(cpuinfo("AuthenticAMD", 25, "sse avx2 fma avx512f"));
        assertThat(zen4.flopsPerCycle()).isEqualTo(32);
        assertThat(zen4.peakGflops(2)).isCloseTo(166.4, Offset.offset(1e-9));
        assertThat(zen4.isa()).contains("Zen 4");
        assertThat(CpuPeak.parse(cpuinfo("AuthenticAMD", 26, "sse avx2 fma avx512f")).flopsPerCycle()).isEqualTo(64);
        assertThat(CpuPeak.parse(cpuinfo("AuthenticAMD", 25, "sse avx2 fma")).flopsPerCycle()).isEqualTo(32);
        // the family number alone says nothing about another vendor's cores
        assertThat(CpuPeak.parse(cpuinfo("GenuineIntel", 25, "sse avx2 fma avx512f")).flopsPerCycle()).isEqualTo(64);
    }

    @Test
    void avx2NeedsFmaForThirtyTwo() {
        assertThat(CpuPeak.parse(cpuinfo("sse avx2 fma")).flopsPerCycle()).isEqualTo(32);
        assertThat(CpuPeak.parse(cpuinfo("sse avx2")).flopsPerCycle()).isEqualTo(8);
    }

    @Test
    void missingFieldsGiveUnknownAndNaN() {
        CpuPeak cpu = CpuPeak.parse("");
        assertThat(cpu.model()).isEqualTo("unknown");
        assertThat(cpu.mhz()).isNaN();
    }
}
