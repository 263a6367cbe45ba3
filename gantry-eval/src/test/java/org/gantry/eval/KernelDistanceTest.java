package org.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class KernelDistanceTest {

    /** The unbiased MMD² of rows [from, to) of x and y, straight from the definition. */
    static double directMmd2(FeatureMatrix x, FeatureMatrix y, int from, int to) {
        int m = to - from;
        double xx = 0, yy = 0, xy = 0;
        for (int i = from; i < to; i++) {
            for (int j = from; j < to; j++) {
                if (i != j) {
                    xx += kernel(x, i, x, j);
                    yy += kernel(y, i, y, j);
                }
                xy += kernel(x, i, y, j);
            }
        }
        return xx / (m * (m - 1.0)) + yy / (m * (m - 1.0)) - 2 * xy / ((double) m * m);
    }

    static double kernel(FeatureMatrix a, int i, FeatureMatrix b, int j) {
        double dot = 0;
        for (int c = 0; c < a.columns(); c++) {
            dot += (double) a.get(i, c) * b.get(j, c);
        }
        return Math.pow(dot / a.columns() + 1, 3);
    }

    @Test
    void oneBlockMatchesTheDirectComputation() {
        FeatureMatrix x = TestFeatures.gaussian(7, 3, 0.5, 1, 1);
        FeatureMatrix y = TestFeatures.gaussian(7, 3, 0, 2, 2);
        MeanStd kid = KernelDistance.between(x, y);
        double expected = directMmd2(x, y, 0, 7);
        assertThat(kid.count()).isEqualTo(1);
        assertThat(kid.mean()).isCloseTo(expected, offset(1e-12 * Math.abs(expected)));
        assertThat(kid.std()).isZero();
    }

    @Test
    void blocksAreEqualConsecutiveSplitsOfTheSmallerCount() {
        // 10 usable rows (of 10 and 13) in blocks of at most 4: ceil(10/4) = 3 blocks, rows [0,3), [3,6), [6,10).
        FeatureMatrix x = TestFeatures.gaussian(10, 5, 0, 1, 3);
        FeatureMatrix y = TestFeatures.gaussian(13, 5, 0.3, 1, 4);
        MeanStd expected = MeanStd.of(new double[] {directMmd2(x, y, 0, 3), directMmd2(x, y, 3, 6), directMmd2(x, y, 6, 10)});
        MeanStd kid = KernelDistance.between(x, y, 4);
        assertThat(kid.count()).isEqualTo(3);
        assertThat(kid.mean()).isCloseTo(expected.mean(), offset(1e-12 * Math.abs(expected.mean())));
        assertThat(kid.std()).isCloseTo(expected.std(), offset(1e-12 * expected.std()));
    }

    @Test
    void tilesInsideABlockAddUpToTheDirectComputation() {
        // A block of 600 rows is summed over 256-row tiles, with edges.
        FeatureMatrix x = TestFeatures.gaussian(600, 6, 0, 1, 5);
        FeatureMatrix y = TestFeatures.gaussian(600, 6, 0, 1.2, 6);
        double expected = directMmd2(x, y, 0, 600);
        assertThat(KernelDistance.between(x, y).mean()).isCloseTo(expected, offset(1e-10 * Math.abs(expected)));
    }

    @Test
    void twoSamplesOfOneDistributionAverageZero() {
        // Unbiased: the mean over 50 independent repeats is within a few standard errors of 0.
        int repeats = 50;
        double[] values = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            FeatureMatrix x = TestFeatures.gaussian(100, 4, 1, 1, 100 + 2 * r);
            FeatureMatrix y = TestFeatures.gaussian(100, 4, 1, 1, 101 + 2 * r);
            values[r] = KernelDistance.between(x, y).mean();
        }
        MeanStd overRepeats = MeanStd.of(values);
        double standardError = overRepeats.std() / Math.sqrt(repeats);
        assertThat(overRepeats.mean()).isBetween(-4 * standardError, 4 * standardError);
        // Some single values are negative: the estimator is not clipped at 0.
        assertThat(java.util.Arrays.stream(values).anyMatch(v -> v < 0)).isTrue();
    }

    @Test
    void shiftedDistributionIsClearlyPositive() {
        FeatureMatrix x = TestFeatures.gaussian(1000, 8, 0, 1, 7);
        FeatureMatrix y = TestFeatures.gaussian(1000, 8, 0.5, 1, 8);
        FeatureMatrix same = TestFeatures.gaussian(1000, 8, 0, 1, 9);
        MeanStd shifted = KernelDistance.between(x, y, 250);
        MeanStd unshifted = KernelDistance.between(x, same, 250);
        assertThat(shifted.count()).isEqualTo(4);
        assertThat(shifted.mean()).isGreaterThan(3 * shifted.std());
        assertThat(shifted.mean()).isGreaterThan(10 * Math.abs(unshifted.mean()));
    }

    @Test
    void mismatchedFeaturesAndTinyBlocksAreErrors() {
        FeatureMatrix x = TestFeatures.gaussian(10, 3, 0, 1, 1);
        assertThatThrownBy(() -> KernelDistance.between(x, TestFeatures.gaussian(10, 4, 0, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KernelDistance.between(x, x, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KernelDistance.between(x.rows(0, 3), x.rows(3, 6), 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
