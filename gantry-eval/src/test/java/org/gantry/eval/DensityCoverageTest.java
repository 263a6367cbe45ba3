package org.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class DensityCoverageTest {

    /** Density and coverage straight from the definitions of Naeem et al., by brute force. */
    static DensityCoverage bruteForce(FeatureMatrix real, FeatureMatrix fake, int k) {
        boolean[][] in = TestFeatures.inside(fake, real, TestFeatures.kthRadii(real, k));
        long memberships = 0;
        int covered = 0;
        for (int i = 0; i < real.rows(); i++) {
            boolean any = false;
            for (int j = 0; j < fake.rows(); j++) {
                memberships += in[j][i] ? 1 : 0;
                any |= in[j][i];
            }
            covered += any ? 1 : 0;
        }
        return new DensityCoverage(memberships / ((double) k * fake.rows()), (double) covered / real.rows());
    }

    @Test
    void identicalSetsCoverEverything() {
        FeatureMatrix real = TestFeatures.gaussian(200, 5, 0, 1, 1);
        DensityCoverage dc = DensityCoverage.of(real, real);
        assertThat(dc.coverage()).isEqualTo(1.0);
        // Each sample lies in its own ball and, on average, in about k others' (Naeem et al.: E = 1).
        assertThat(dc.density()).isCloseTo(bruteForce(real, real, 5).density(), offset(1e-12));
        assertThat(dc.density()).isBetween(0.8, 1.4);
    }

    @Test
    void constructedCloudsMatchBruteForce() {
        FeatureMatrix real = TestFeatures.gaussian(160, 4, 0, 1, 2);
        FeatureMatrix fake = TestFeatures.stack(TestFeatures.gaussian(90, 4, 0.5, 0.5, 3), TestFeatures.gaussian(30, 4, 40, 1, 4));
        for (int k : new int[] {1, 3, 5}) {
            DensityCoverage dc = DensityCoverage.of(real, fake, k);
            DensityCoverage expected = bruteForce(real, fake, k);
            assertThat(dc.density()).isCloseTo(expected.density(), offset(1e-12));
            assertThat(dc.coverage()).isEqualTo(expected.coverage());
        }
    }

    @Test
    void densityRewardsSamplesInDenseRegionsBeyondOne() {
        // Every fake at the centre of the real cloud, where the balls overlap most: each is inside
        // more than k balls, so density exceeds 1, while only the central balls are covered.
        FeatureMatrix real = TestFeatures.gaussian(300, 3, 0, 1, 5);
        float[] centre = new float[50 * 3];
        FeatureMatrix fake = new FeatureMatrix(50, 3, centre);
        DensityCoverage dc = DensityCoverage.of(real, fake);
        assertThat(dc.density()).isGreaterThan(1.0);
        assertThat(dc.density()).isCloseTo(bruteForce(real, fake, 5).density(), offset(1e-12));
        assertThat(dc.coverage()).isLessThan(0.5);
    }

    @Test
    void farAwaySamplesScoreZero() {
        FeatureMatrix real = TestFeatures.gaussian(100, 6, 0, 1, 6);
        FeatureMatrix fake = TestFeatures.gaussian(100, 6, 50, 1, 7);
        assertThat(DensityCoverage.of(real, fake)).isEqualTo(new DensityCoverage(0, 0));
    }
}
