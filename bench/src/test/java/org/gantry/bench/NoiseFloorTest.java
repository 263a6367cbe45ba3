package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseFloorTest {

    @Test
    void aWorkloadIsSizedToTheTargetFromTheTimeOfOneUnit() {
        assertThat(FixedWorkload.repeatsFor(20, 0.001)).isEqualTo(20_000);
        assertThat(FixedWorkload.repeatsFor(17.5, 0.01)).isEqualTo(1_750);
        // Never an empty workload, however slow one unit is.
        assertThat(FixedWorkload.repeatsFor(1, 5)).isEqualTo(1);
    }

    @Test
    void calibrationTakesTheFastestOfAtLeastTheGivenNumberOfTimings() {
        Iterator<Double> times = List.of(5.0, 3.0, 4.0, 0.5, 9.0).iterator();
        // three timings at least and no minimum duration: 5, 3, 4 are read and 0.5 is not
        assertThat(FixedWorkload.fastest(times::next, 3, 0)).isEqualTo(3.0);
        assertThat(times.next()).isEqualTo(0.5);
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
