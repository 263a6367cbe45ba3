package org.gantry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

class SubsetsTest {
    /** Example i is the single value i. */
    private static final PointDataset NUMBERS = new PointDataset("numbers", numbers(50), 1, null);

    private static float[] numbers(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    @Test
    void allExamplesComeInStoredOrder() {
        assertThat(Subsets.draw(NUMBERS, 50, new Rng(1))).containsExactly(numbers(50));
    }

    @Test
    void aSubsetIsDistinctReproducibleAndDependsOnTheSeed() {
        float[] a = Subsets.draw(NUMBERS, 20, new Rng(7));
        Set<Float> distinct = new HashSet<>();
        for (float v : a) {
            distinct.add(v);
        }
        assertThat(distinct).hasSize(20).allMatch(v -> v >= 0 && v < 50);
        assertThat(Subsets.draw(NUMBERS, 20, new Rng(7))).containsExactly(a);
        assertThat(Subsets.draw(NUMBERS, 20, new Rng(8))).isNotEqualTo(a);
    }

    @Test
    void moreThanTheDataSetHoldsIsRefused() {
        assertThatThrownBy(() -> Subsets.draw(NUMBERS, 51, new Rng(1))).hasMessageContaining("51 of the 50");
    }
}
