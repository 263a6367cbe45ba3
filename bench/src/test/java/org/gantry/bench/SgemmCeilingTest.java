package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.gantry.core.engine.TorchEngine;
import org.junit.jupiter.api.Test;

/** The ceiling is the fastest product's rate, 2·n³ FLOPs over its time. */
class SgemmCeilingTest {

    @Test
    void theCeilingIsTheFastestProductsRate() {
        SgemmCeiling ceiling = SgemmCeiling.of(1000, 2, List.of(5.0, 4.0, 6.5));
        assertThat(ceiling.runs()).isEqualTo(3);
        assertThat(ceiling.threads()).isEqualTo(2);
        assertThat(ceiling.bestMs()).isEqualTo(4.0);
        // 2 · 1000³ = 2e9 FLOPs in 4 ms: 500 GFLOP/s
        assertThat(ceiling.gflops()).isCloseTo(500.0, Offset.offset(1e-9));
    }

    @Test
    void aMeasurementTimesTheGivenProductsOnTheEnginesThreads() {
        TorchEngine.start(1);
        SgemmCeiling ceiling = SgemmCeiling.measure(96, 4);
        assertThat(ceiling.size()).isEqualTo(96);
        assertThat(ceiling.runs()).isEqualTo(4);
        assertThat(ceiling.threads()).isEqualTo(TorchEngine.threads());
        assertThat(ceiling.bestMs()).isPositive().isFinite();
        assertThatThrownBy(() -> SgemmCeiling.measure(96, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one timed product, not 0");
    }
}
