package org.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
    void theEnginesPathEqualsTheDoublePrecisionConvolutionWithFirstAndSecondGradients() {
        assertThat(ConvolutionCheck.failures(ConvolutionCheck.START_UP_BATCH)).isEmpty();
    }

    @Test
    void theEngineUsesOneDnnOnlyWhereItPassedTheChecksAndNeverNnpack() {
        String chosen = TorchEngine.nativeMath().get("convolutions").toString();
        assertThat(chosen).startsWith(TorchEngine.oneDnnEnabled() ? "oneDNN (right in 288 small shapes now" : "ATen");
        if (TorchEngine.oneDnnEnabled()) {
            assertThat(chosen).contains("right in the 61 network layers at batch 16");
        } else if (!ConvolutionPath.atenChosen(System.getenv(ConvolutionPath.ENV))) {
            // Off without being asked: only because a check failed or could not run.
            assertThat(chosen).containsAnyOf("oneDNN wrong in", "could not run");
        }
        assertThat(TorchEngine.nnpackEnabled()).isFalse();
    }

    @Test
    void atenPathIsRightOnEveryCpu() {
        assertThat(ConvolutionCheck.failuresWithAten(ConvolutionCheck.START_UP_BATCH)).isEmpty();
    }

    @Test
    void theErrorIsRelativeToTheLargestReferenceValueAndCatchesNonFiniteValues() {
        double[] reference = {1.0, -2.0, 0.5};
        assertThat(ConvolutionCheck.relativeError(new double[] {1.0, -2.0, 0.5}, reference)).isZero();
        assertThat(ConvolutionCheck.relativeError(new double[] {1.0, -2.0, 0.5 + 2e-5}, reference))
                .isCloseTo(1e-5, within(1e-12))
                .isLessThan(ConvolutionCheck.TOLERANCE);
        assertThat(ConvolutionCheck.relativeError(new double[] {1.0, -2.0 + 1e-4, 0.5}, reference))
                .isGreaterThan(ConvolutionCheck.TOLERANCE);
        assertThat(ConvolutionCheck.relativeError(new double[] {Double.NaN, -2.0, 0.5}, reference)).isInfinite();
        // A scale floor above the largest reference value (a bias gradient's sum of magnitudes) divides by it.
        assertThat(ConvolutionCheck.relativeError(new double[] {1.0, -2.0 + 1e-4, 0.5}, reference, 10.0))
                .isCloseTo(1e-5, within(1e-12));
        assertThat(ConvolutionCheck.relativeError(new double[] {1.0, -2.0 + 1e-4, 0.5}, reference, 1.0))
                .isCloseTo(5e-5, within(1e-12));
    }
}
