package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Median, minimum and maximum of wall times, and the repeat helpers' bookkeeping. */
class WallTimesTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(WallTimes.of(List.of(30.0, 10.0, 20.0))).isEqualTo(new WallTimes(20, 10, 30, 3));
        assertThat(WallTimes.of(List.of(40.0, 10.0, 20.0, 30.0))).isEqualTo(new WallTimes(25, 10, 40, 4));
    }

    @Test
    void noTimesGiveNaN() {
        WallTimes t = WallTimes.of(List.of());
        assertThat(t.medianMs()).isNaN();
        assertThat(t.count()).isZero();
    }

    @Test
    void perSecondAtTheMedian() {
        assertThat(new WallTimes(250, 200, 300, 3).perSecond(1000)).isEqualTo(4000.0);
    }

    @Test
    void repeatRunsTheWorkAndKeepsTheLastValue() {
        AtomicInteger calls = new AtomicInteger();
        WallTimes.Timed<Integer> timed = WallTimes.repeat(3, calls::incrementAndGet);
        assertThat(timed.value()).isEqualTo(3);
        assertThat(timed.times().count()).isEqualTo(3);
        assertThat(timed.times().minMs()).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(timed.times().maxMs());
    }

    @Test
    void repeatWithSetupGivesEachRunFreshInput() {
        AtomicInteger inputs = new AtomicInteger();
        WallTimes.Timed<Integer> timed = WallTimes.repeat(4, inputs::incrementAndGet, i -> i * 10);
        assertThat(inputs.get()).isEqualTo(4);
        assertThat(timed.value()).isEqualTo(40);
    }

    @Test
    void repeatNeedsAtLeastOneRun() {
        assertThatThrownBy(() -> WallTimes.repeat(0, () -> 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
