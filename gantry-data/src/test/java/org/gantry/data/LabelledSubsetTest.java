package org.gantry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.gantry.config.ConfigException;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

class LabelledSubsetTest {

    private static PointDataset ring() {
        GaussianMixture mixture = GaussianMixture.ring(8, 2, 0.02);
        return new PointDataset("ring", mixture.sample(4000, new Rng(1)), 2, mixture);
    }

    @Test
    void ringPointsAreLabelledByTheModeTheyLieAt() {
        PointDataset data = ring();
        assertThat(data.hasLabels()).isTrue();
        assertThat(data.classCount()).isEqualTo(8);
        float[] p = new float[2];
        for (int i = 0; i < data.size(); i++) {
            data.fill(new int[] {i}, p);
            double angle = Math.atan2(p[1], p[0]);
            int mode = (int) Math.round(angle / (2 * Math.PI / 8));
            assertThat(data.label(i)).isEqualTo(Math.floorMod(mode, 8));
        }
    }

    @Test
    void holdsTheSameNumberOfEachClassAndBatchesComeFromItAlone() {
        PointDataset data = ring();
        LabelledSubset subset = new LabelledSubset(data, 24, new Rng(2), new Rng(3));
        int[] perClass = new int[8];
        Set<Integer> members = new HashSet<>();
        for (int i : subset.indices()) {
            perClass[data.label(i)]++;
            members.add(i);
        }
        assertThat(perClass).containsOnly(3);
        assertThat(members).hasSize(24);
        float[] x = new float[10 * 2];
        int[] y = new int[10];
        float[] expected = new float[2];
        Set<Integer> seen = new HashSet<>();
        for (int b = 0; b < 12; b++) {
            subset.next(x, y);
            for (int i = 0; i < 10; i++) {
                // Each drawn example is a member, with that member's label and values.
                int match = -1;
                for (int m : members) {
                    data.fill(new int[] {m}, expected);
                    if (expected[0] == x[2 * i] && expected[1] == x[2 * i + 1]) {
                        match = m;
                    }
                }
                assertThat(match).isNotNegative();
                assertThat(y[i]).isEqualTo(data.label(match));
                seen.add(match);
            }
        }
        assertThat(seen).isEqualTo(members);
        // The same seeds choose the same examples; another seed others.
        assertThat(new LabelledSubset(data, 24, new Rng(2), new Rng(9)).indices()).containsExactly(subset.indices());
        assertThat(Arrays.equals(new LabelledSubset(data, 24, new Rng(4), new Rng(3)).indices(), subset.indices()))
                .isFalse();
    }

    @Test
    void continuesTheSameOrderAfterItsStateIsRestored() {
        PointDataset data = ring();
        LabelledSubset a = new LabelledSubset(data, 16, new Rng(2), new Rng(3));
        float[] x = new float[6];
        int[] y = new int[3];
        a.next(x, y);
        byte[] state = a.saveState();
        a.next(x, y);
        float[] after = x.clone();
        LabelledSubset b = new LabelledSubset(data, 16, new Rng(2), new Rng(77));
        b.restoreState(state);
        b.next(x, y);
        assertThat(x).containsExactly(after);
    }

    @Test
    void unlabelledDataAndUnevenCountsAreNamed() {
        PointDataset csv = new PointDataset("csv", new float[] {1, 2, 3, 4}, 2, null);
        assertThatThrownBy(() -> new LabelledSubset(csv, 8, new Rng(1), new Rng(2)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'csv' has no labels");
        assertThatThrownBy(() -> new LabelledSubset(ring(), 7, new Rng(1), new Rng(2)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least 8");
    }

    @Test
    void aCountThatDoesNotDivideGivesTheFirstClassesOneMore() {
        PointDataset data = ring();
        int[] perClass = new int[8];
        for (int i : new LabelledSubset(data, 100, new Rng(2), new Rng(3)).indices()) {
            perClass[data.label(i)]++;
        }
        assertThat(perClass).containsExactly(13, 13, 13, 13, 12, 12, 12, 12);
    }
}
