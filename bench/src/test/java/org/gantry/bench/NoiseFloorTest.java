package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoiseFloorTest {

    @Test
    void theWorkloadIsSizedToTheTargetFromTheTimeOfOneSweep() {
        assertThat(NoiseFloor.sweepsFor(20, 0.001)).isEqualTo(20_000);
        assertThat(NoiseFloor.sweepsFor(17.5, 0.01)).isEqualTo(1_750);
        // Never an empty workload, however slow one sweep is.
        assertThat(NoiseFloor.sweepsFor(1, 5)).isEqualTo(1);
    }

    @Test
    void eachRunIsTimedOnOneThreadOrSeveral() {
        for (int threads : new int[] {1, 2}) {
            try (NoiseFloor noise = NoiseFloor.calibrated(1, threads)) {
                assertThat(noise.run(5)).hasSize(5).allSatisfy(t -> assertThat(t).isPositive().isFinite());
            }
        }
    }
}
