package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.gantry.core.engine.TorchEngine;
import org.junit.jupiter.api.Test;

/** The ceiling's rate is 2·n³ FLOPs over the fastest product, and a real measurement yields one. */
class SgemmCeilingTest {

    @Test
    void rateIsTwiceTheCubeOverTheFastestTime() {
        // 2 · 1000³ = 2e9 FLOPs in 4 ms: 500 GFLOP/s
        assertThat(new SgemmCeiling(1000, 10, 4.0).gflops()).isCloseTo(500.0, Offset.offset(1e-9));
        assertThat(new SgemmCeiling(1536, 10, 40.0).gflops()).isCloseTo(2.0 * 1536 * 1536 * 1536 / 0.04 / 1e9,
                Offset.offset(1e-9));
    }

    @Test
    void measuringTakesTheFastestOfTheTimedProducts() {
        TorchEngine.start(1);
        SgemmCeiling ceiling = SgemmCeiling.measure(96, 4);
        assertThat(ceiling.size()).isEqualTo(96);
        assertThat(ceiling.runs()).isEqualTo(4);
        assertThat(ceiling.bestMs()).isPositive().isFinite();
    }
}
