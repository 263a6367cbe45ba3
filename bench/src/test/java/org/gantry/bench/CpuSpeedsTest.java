package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The per-CPU loop times: one per CPU, the thread's CPUs given back, and the spread between them. */
class CpuSpeedsTest {

    @Test
    void everyAllowedCpuIsTimedAndTheThreadGetsItsCpusBack() throws Exception {
        List<Integer> allowed = CpuAffinity.allowed();
        String all = allowed.stream().map(String::valueOf).collect(Collectors.joining(","));
        CpuSpeeds speeds = CpuSpeeds.measure(allowed, 2, all);
        assertThat(speeds.msByCpu().keySet()).containsExactlyElementsOf(allowed);
        // sized to 2 ms on the calibrating CPU; a run on a slower or busy CPU takes longer, never 0
        assertThat(speeds.msByCpu().values()).allSatisfy(ms -> assertThat(ms).isBetween(0.2, 200.0));
        assertThat(CpuAffinity.allowedForCurrentThread()).isEqualTo(allowed);
    }

    @Test
    void theSpreadIsTheSlowestOverTheFastest() {
        Map<Integer, Double> ms = new LinkedHashMap<>();
        ms.put(0, 31.0);
        ms.put(1, 20.0);
        ms.put(2, 25.0);
        CpuSpeeds speeds = new CpuSpeeds(ms);
        assertThat(speeds.spread()).isCloseTo(0.55, within(1e-12));
        assertThat(speeds.describe()).isEqualTo("cpu0 31.0 ms, cpu1 20.0 ms, cpu2 25.0 ms");
    }
}
