package org.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The convolution Gantry's layers compute equals the double-precision one ({@link ConvolutionCheck})
 * on every CPU, on whichever path the engine chose. With oneDNN on, on the AMD EPYC described at
 * {@link LibtorchContext}, 97 and 98 of the 144 small shapes then checked failed in two runs (54–55
 * input gradients, 36 outputs, 23 second derivatives wrong; 29 and 44 of those wrong values NaN or
 * infinite: the memory read differs between runs); there the engine must keep ATen's path.
 */
class ConvolutionAccuracyTest {
    @BeforeAll
    static void engine() {
        TorchEngine.start(2);
    }

    @Test
    void singlePrecisionEqualsTheDoublePrecisionConvolutionWithFirstAndSecondGradients() {
        assertThat(ConvolutionCheck.failures()).isEmpty();
    }

    @Test
    void theEngineUsesOneDnnExactlyWhereItsConvolutionsAreRightAndNeverNnpack() {
        boolean atenChosen = "aten".equals(System.getenv(ConvolutionPath.ENV));
        boolean oneDnnRight = ConvolutionCheck.failuresWithOneDnn().isEmpty();
        assertThat(TorchEngine.oneDnnEnabled()).isEqualTo(oneDnnRight && !atenChosen);
        assertThat(TorchEngine.nnpackEnabled()).isFalse();
        assertThat(TorchEngine.nativeMath().get("convolutions").toString())
                .startsWith(TorchEngine.oneDnnEnabled() ? "oneDNN" : "ATen");
    }

    @Test
    void atenPathIsRightOnEveryCpu() {
        assertThat(ConvolutionCheck.failuresWithAten()).isEmpty();
    }

    @Test
    void theErrorIsRelativeToTheLargestReferenceValueAndCatchesNonFiniteValues() {
        double[] reference = {1.0, -2.0, 0.5};
        assertThat(ConvolutionCheck.relativeError(new double[] {1.0, -2.0, 0.5}, reference)).isZero();
        assertThat(ConvolutionCheck.relativeError(new double[] {1.0, -2.0, 0.5 + 2e-5}, reference))
                .isCloseTo(1e-5, org.assertj.core.api.Assertions.within(1e-12))
                .isLessThan(ConvolutionCheck.TOLERANCE);
        assertThat(ConvolutionCheck.relativeError(new double[] {1.0, -2.0 + 1e-4, 0.5}, reference))
                .isGreaterThan(ConvolutionCheck.TOLERANCE);
        assertThat(ConvolutionCheck.relativeError(new double[] {Double.NaN, -2.0, 0.5}, reference)).isInfinite();
        // A scale floor above the largest reference value (a bias gradient's sum of magnitudes) divides by it.
        assertThat(ConvolutionCheck.relativeError(new double[] {1.0, -2.0 + 1e-4, 0.5}, reference, 10.0))
                .isCloseTo(1e-5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(ConvolutionCheck.relativeError(new double[] {1.0, -2.0 + 1e-4, 0.5}, reference, 1.0))
                .isCloseTo(5e-5, org.assertj.core.api.Assertions.within(1e-12));
    }
}
