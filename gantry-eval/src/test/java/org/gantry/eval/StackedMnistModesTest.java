package org.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class StackedMnistModesTest {

    @Test
    void everyTripleEquallyOftenIsPerfect() {
        int[] triples = new int[3000];
        for (int i = 0; i < triples.length; i++) {
            triples[i] = i % 1000;
        }
        StackedMnistModes m = StackedMnistModes.of(triples);
        assertThat(m.modes()).isEqualTo(1000);
        assertThat(m.kl()).isCloseTo(0.0, offset(1e-12));
        assertThat(m.count()).isEqualTo(3000);
    }

    @Test
    void tenTriplesEvenlyGiveLogOfOneHundred() {
        // 000, 037, 074, ..., 333, fifty samples each: p = 1/10, KL = log(1000/10).
        int[] triples = new int[500];
        for (int i = 0; i < triples.length; i++) {
            triples[i] = 37 * (i % 10);
        }
        StackedMnistModes m = StackedMnistModes.of(triples);
        assertThat(m.modes()).isEqualTo(10);
        assertThat(m.kl()).isCloseTo(Math.log(100), offset(1e-12));
    }

    @Test
    void unevenHistogramMatchesTheDefinition() {
        // Three samples of 042, one of 999: p = 3/4 and 1/4.
        StackedMnistModes m = StackedMnistModes.of(new int[] {0, 0, 0, 9}, new int[] {4, 4, 4, 9}, new int[] {2, 2, 2, 9});
        double expected = 0.75 * Math.log(0.75 * 1000) + 0.25 * Math.log(0.25 * 1000);
        assertThat(m.modes()).isEqualTo(2);
        assertThat(m.kl()).isCloseTo(expected, offset(1e-12));
        assertThat(StackedMnistModes.of(new int[] {42, 42, 42, 999})).isEqualTo(m);
    }

    @Test
    void noSamplesLeaveKlUndefined() {
        StackedMnistModes m = StackedMnistModes.of(new int[0]);
        assertThat(m.modes()).isZero();
        assertThat(m.kl()).isNaN();
    }

    @Test
    void outOfRangeTriplesAndDigitsAreErrors() {
        assertThatThrownBy(() -> StackedMnistModes.of(new int[] {1000})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StackedMnistModes.of(new int[] {-1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StackedMnistModes.of(new int[] {10}, new int[] {0}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
