package org.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class GaussianStatisticsTest {

    @Test
    void twoSamplesInOneDimension() {
        GaussianStatistics s = GaussianStatistics.of(new FeatureMatrix(2, 1, new float[] {1, 4}));
        assertThat(s.mean()).containsExactly(2.5);
        // Deviations ±1.5, squares 2.25 each, over n − 1 = 1.
        assertThat(s.covariance()[0][0]).isEqualTo(4.5);
        assertThat(s.count()).isEqualTo(2);
    }

    @Test
    void matchesTwoPassBruteForceWithALargeOffset() {
        // 601 rows (not whole 256-row chunks) of 7 features (not whole 4-feature blocks), correlated,
        // around 1000, where E[xx'] − μμ' would lose most digits.
        int n = 601, d = 7;
        FeatureMatrix z = TestFeatures.gaussian(n, d, 0, 1, 11);
        float[] v = new float[n * d];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                v[r * d + c] = 1000 + z.get(r, c) + 0.5f * z.get(r, (c + 1) % d);
            }
        }
        FeatureMatrix x = new FeatureMatrix(n, d, v);
        double[] mean = new double[d];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                mean[c] += x.get(r, c) / (double) n;
            }
        }
        GaussianStatistics s = GaussianStatistics.of(x);
        double[][] cov = s.covariance();
        for (int i = 0; i < d; i++) {
            assertThat(s.mean()[i]).isCloseTo(mean[i], offset(1e-9));
            for (int j = 0; j < d; j++) {
                double expected = 0;
                for (int r = 0; r < n; r++) {
                    expected += (x.get(r, i) - mean[i]) * (x.get(r, j) - mean[j]);
                }
                expected /= n - 1;
                assertThat(cov[i][j]).isCloseTo(expected, offset(1e-9));
                assertThat(cov[i][j]).isEqualTo(cov[j][i]);
            }
        }
        // The construction's covariance: 1 + 0.25 on the diagonal, 0.5 next to it (±3.5 standard errors).
        assertThat(cov[2][2]).isCloseTo(1.25, offset(0.25));
        assertThat(cov[2][3]).isCloseTo(0.5, offset(0.2));
        assertThat(s.trace()).isCloseTo(cov[0][0] + cov[1][1] + cov[2][2] + cov[3][3] + cov[4][4] + cov[5][5] + cov[6][6],
                offset(1e-12));
    }

    @Test
    void givenMomentsAreCopiedAndChecked() {
        double[] mean = {1, 2};
        double[][] cov = {{2, 0.5}, {0.5, 1}};
        GaussianStatistics s = GaussianStatistics.of(mean, cov, 100);
        mean[0] = 9;
        cov[0][0] = 9;
        assertThat(s.mean()).containsExactly(1, 2);
        assertThat(s.covariance()[0][0]).isEqualTo(2);
        assertThat(s.trace()).isEqualTo(3);
        assertThatThrownBy(() -> GaussianStatistics.of(new double[] {0, 0}, new double[][] {{1, 0.5}, {0.4, 1}}, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetric");
        assertThatThrownBy(() -> GaussianStatistics.of(new double[] {0}, new double[][] {{1, 0}}, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GaussianStatistics.of(new FeatureMatrix(1, 3, new float[3])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nanFeaturesGiveNonFiniteStatistics() {
        GaussianStatistics s = GaussianStatistics.of(new FeatureMatrix(3, 2, new float[] {0, 1, Float.NaN, 2, 3, 4}));
        assertThat(s.isFinite()).isFalse();
        assertThat(FrechetDistance.between(s, s)).isNaN();
    }
}
