package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The FLOP count against totals worked out by hand from the dcgan-mnist networks. */
class DcganMnistFlopsTest {

    @Test
    void generatorForwardIsDensePlusTwoConvolutionsAtTheUpSampledSizes() {
        assertThat(DcganMnistFlops.GENERATOR.stream().map(DcganMnistFlops.Layer::macPerExample).toList())
                .containsExactly(401_408L, 14_450_688L, 451_584L);
        assertThat(DcganMnistFlops.generatorForwardMac()).isEqualTo(15_303_680L);
    }

    @Test
    void discriminatorForwardIsTwoStridedConvolutionsPlusDense() {
        assertThat(DcganMnistFlops.DISCRIMINATOR.stream().map(DcganMnistFlops.Layer::macPerExample).toList())
                .containsExactly(200_704L, 6_422_528L, 6_272L);
        assertThat(DcganMnistFlops.discriminatorForwardMac()).isEqualTo(6_629_504L);
    }

    @Test
    void aStepIsFourGeneratorAndNineDiscriminatorForwardsPerExampleTimesTheBatch() {
        assertThat(DcganMnistFlops.stepMacPerExample()).isEqualTo(4 * 15_303_680L + 9 * 6_629_504L);
        assertThat(DcganMnistFlops.stepFlops()).isEqualTo(2.0 * 64 * 120_880_256L);
    }

    @Test
    void quartilesInterpolateBetweenOrderStatistics() {
        Quartiles q = Quartiles.of(List.of(5.0, 1.0, 4.0, 2.0, 3.0));
        assertThat(q.median()).isEqualTo(3.0);
        assertThat(q.q1()).isEqualTo(2.0);
        assertThat(q.q3()).isEqualTo(4.0);
        assertThat(Quartiles.of(List.of(1.0, 2.0)).median()).isEqualTo(1.5);
    }
}
