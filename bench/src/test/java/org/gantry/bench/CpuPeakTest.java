package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** FLOPs per cycle from the instruction-set flags, and the peak from clock and threads. */
class CpuPeakTest {
    private static String cpuinfo(String flags) {
        return "processor\t: 0\nmodel name\t: Test CPU @ 2.60GHz\ncpu MHz\t\t: 2600.000\nflags\t\t: " + flags + "\n\n"
                + "processor\t: 1\nmodel name\t: other\ncpu MHz\t\t: 1000.000\nflags\t\t: sse\n";
    }

    @Test
    void avx512CountsSixtyFourFlopsPerCycle() {
        CpuPeak cpu = CpuPeak.parse(cpuinfo("fpu sse avx2 fma avx512f avx512bw"));
        assertThat(cpu.model()).isEqualTo("Test CPU @ 2.60GHz");
        assertThat(cpu.flopsPerCycle()).isEqualTo(64);
        assertThat(cpu.peakGflops(2)).isCloseTo(332.8, org.assertj.core.data.Offset.offset(1e-9));
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
