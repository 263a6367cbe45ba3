package org.gantry.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

class EpochSamplerTest {
    @Test
    void eachEpochVisitsEveryIndexOnce() {
        EpochSampler s = new EpochSampler(10, new Rng(1));
        int[] first = s.next(10);
        int[] second = s.next(10);
        assertThat(Arrays.stream(first).sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(Arrays.stream(second).sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void restoredSamplerContinuesTheSameOrder() {
        EpochSampler a = new EpochSampler(7, new Rng(9));
        a.next(5);
        byte[] state = a.saveState();
        int[] expected = a.next(12);
        EpochSampler b = new EpochSampler(7, new Rng(123));
        b.restoreState(state);
        assertThat(b.next(12)).containsExactly(expected);
    }
}
