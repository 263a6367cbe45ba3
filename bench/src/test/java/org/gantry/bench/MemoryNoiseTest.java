package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryNoiseTest {

    @Test
    void theWorkloadIsSizedToTheTargetFromTheTimeOfOnePass() {
        assertThat(MemoryNoise.passesFor(20, 2.5)).isEqualTo(8);
        assertThat(MemoryNoise.passesFor(150, 4)).isEqualTo(38);
        // Never an empty workload, however slow one pass is.
        assertThat(MemoryNoise.passesFor(1, 5)).isEqualTo(1);
    }

    @Test
    void eachRunIsTimedAndTouchesTheWholeArray() {
        MemoryNoise noise = MemoryNoise.calibrated(1);
        assertThat(noise.run(3)).hasSize(3).allSatisfy(t -> assertThat(t).isPositive().isFinite());
        // every run adds 1 to each line's first value and reads another: the sum grows
        assertThat(noise.sink()).isPositive();
    }
}
