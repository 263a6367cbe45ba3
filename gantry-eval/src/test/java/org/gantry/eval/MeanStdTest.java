package org.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class MeanStdTest {

    @Test
    void sampleStandardDeviationDividesByCountMinusOne() {
        // Deviations −3, −1, 1, 3: squares sum to 20, over n − 1 = 3.
        MeanStd m = MeanStd.of(new double[] {1, 3, 5, 7});
        assertThat(m.mean()).isEqualTo(4.0);
        assertThat(m.std()).isCloseTo(Math.sqrt(20.0 / 3), offset(1e-15));
        assertThat(m.count()).isEqualTo(4);
    }

    @Test
    void oneValueHasNoSpread() {
        assertThat(MeanStd.of(new double[] {2.5})).isEqualTo(new MeanStd(2.5, 0, 1));
    }

    @Test
    void largeOffsetDoesNotCancel() {
        MeanStd m = MeanStd.of(new double[] {1e9 + 1, 1e9 + 2, 1e9 + 3});
        assertThat(m.std()).isCloseTo(1.0, offset(1e-9));
    }

    @Test
    void noValuesIsAnError() {
        assertThatThrownBy(() -> MeanStd.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
