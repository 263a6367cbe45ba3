package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The FLOP counts against totals worked out by hand from the dcgan-mnist and pacgan-ring networks. */
class StepFlopsTest {

    @Test
    void generatorForwardIsDensePlusTwoConvolutionsAtTheUpSampledSizes() {
        assertThat(StepFlops.DCGAN_MNIST.generator().stream().map(StepFlops.Layer::macPerExample).toList())
                .containsExactly(401_408L, 14_450_688L, 451_584L);
        assertThat(StepFlops.DCGAN_MNIST.generatorForwardMac()).isEqualTo(15_303_680L);
    }

    @Test
    void discriminatorForwardIsTwoStridedConvolutionsPlusDense() {
        assertThat(StepFlops.DCGAN_MNIST.discriminator().stream().map(StepFlops.Layer::macPerExample).toList())
                .containsExactly(200_704L, 6_422_528L, 6_272L);
        assertThat(StepFlops.DCGAN_MNIST.discriminatorForwardMac()).isEqualTo(6_629_504L);
    }

    @Test
    void aStepIsFourGeneratorAndNineDiscriminatorForwardsPerExampleTimesTheBatch() {
        assertThat(StepFlops.DCGAN_MNIST.stepMacPerExample()).isEqualTo(4 * 15_303_680L + 9 * 6_629_504L);
        assertThat(StepFlops.DCGAN_MNIST.stepFlops()).isEqualTo(2.0 * 64 * 120_880_256L);
    }

    @Test
    void gantrysFoldedUpSamplingConvolutionsDoLessWork() {
        // conv 128→64 from 7² input: 8² positions × (4·64) × (4·128); conv 64→1 from 14²: 15² × 4 × (4·64).
        long g = 64L * 6272 + 64L * 256 * 512 + 225L * 4 * 256;
        assertThat(g).isEqualTo(9_020_416L);
        assertThat(StepFlops.DCGAN_MNIST.gantryStepFlops()).isEqualTo(2.0 * 64 * (4 * g + 9 * 6_629_504L));
        // Nothing to fold in the ring's MLPs.
        assertThat(StepFlops.PACGAN_RING.gantryStepFlops()).isEqualTo(StepFlops.PACGAN_RING.stepFlops());
    }

    @Test
    void theRingStepCountsFourDenseGeneratorLayersAndThreeMaxoutLayersOfFivePieces() {
        // G: 2·400 + 3·400·400 + 400·2; D: 2·1000 + 2·200·1000 + 200·1.
        assertThat(StepFlops.PACGAN_RING.generatorForwardMac()).isEqualTo(481_600L);
        assertThat(StepFlops.PACGAN_RING.discriminatorForwardMac()).isEqualTo(402_200L);
        assertThat(StepFlops.PACGAN_RING.stepFlops()).isEqualTo(2.0 * 100 * (4 * 481_600L + 9 * 402_200L));
        assertThat(StepFlops.PACGAN_RING.hasConvolutions()).isFalse();
        assertThat(StepFlops.DCGAN_MNIST.hasConvolutions()).isTrue();
    }

    @Test
    void everyCountedPresetIsFoundByName() {
        assertThat(StepFlops.of("pacgan-ring")).isSameAs(StepFlops.PACGAN_RING);
        assertThat(StepFlops.of("dcgan-mnist")).isSameAs(StepFlops.DCGAN_MNIST);
        assertThat(StepFlops.of("grid")).isNull();
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
