package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void meanAndStandardErrorMatchTheClosedForm() {
        // 1, 2, 3, 6: mean 3, sample variance 14/3, standard error sqrt(14/3)/2.
        Stats s = Stats.of(List.of(1.0, 2.0, 3.0, 6.0));
        assertThat(s.mean()).isEqualTo(3.0);
        assertThat(s.standardError()).isCloseTo(Math.sqrt(14.0 / 3.0) / 2.0, within(1e-12));
        assertThat(s.format("%.2f", 1)).isEqualTo("3.00 ± 1.08");
    }

    @Test
    void undefinedTrialsAreLeftOutAndTheFigureSaysSo() {
        Stats s = Stats.of(List.of(1.0, Double.NaN, 3.0));
        assertThat(s.mean()).isEqualTo(2.0);
        assertThat(s.standardError()).isCloseTo(1.0, within(1e-12));
        assertThat(s.format("%.1f", 100)).isEqualTo("200.0 ± 100.0 (2 of 3 trials)");
    }

    @Test
    void noDefinedValueIsNotAvailable() {
        assertThat(Stats.of(List.of(Double.NaN, Double.NaN)).format("%.1f", 1)).isEqualTo("n/a");
    }
}
