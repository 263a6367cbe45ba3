package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class MemoryNoiseTest {

    @Test
    void theScrambledReadVisitsEveryLineOncePerPassAndNotInStrides() {
        int lines = 1 << MemoryNoise.LINE_BITS;
        assertThat((long) lines * 64).isEqualTo(MemoryNoise.MIB * 1024L * 1024L);
        BitSet seen = new BitSet(lines);
        int increasing = 0;
        for (int line = 0; line < lines; line++) {
            int target = MemoryNoise.scrambled(line);
            assertThat(target).isBetween(0, lines - 1);
            seen.set(target);
            if (line > 0 && target > MemoryNoise.scrambled(line - 1)) {
                increasing++;
            }
        }
        assertThat(seen.cardinality()).isEqualTo(lines);
        // a fixed stride would step in one direction almost always; a scrambled order about half the time
        assertThat((double) increasing / lines).isBetween(0.4, 0.6);
    }

    @Test
    void eachRunIsTimedAfterSizingToTheTarget() {
        MemoryNoise noise = MemoryNoise.calibrated(1);
        assertThat(noise.passes()).isPositive();
        assertThat(noise.run(3)).hasSize(3).allSatisfy(t -> assertThat(t).isPositive().isFinite());
    }
}
