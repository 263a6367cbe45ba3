package org.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrecisionRecallTest {

    /** Share of queries within the k-NN ball of at least one centre, all by brute force. */
    static double shareInside(FeatureMatrix queries, FeatureMatrix centres, int k) {
        boolean[][] in = TestFeatures.inside(queries, centres, TestFeatures.kthRadii(centres, k));
        int count = 0;
        for (boolean[] row : in) {
            for (boolean b : row) {
                if (b) {
                    count++;
                    break;
                }
            }
        }
        return (double) count / queries.rows();
    }

    @Test
    void identicalSetsArePerfect() {
        FeatureMatrix real = TestFeatures.gaussian(200, 5, 0, 1, 1);
        assertThat(PrecisionRecall.of(real, real)).isEqualTo(new PrecisionRecall(1, 1));
    }

    @Test
    void halfTheSamplesFarAwayHalvePrecision() {
        // Fakes: copies of the first 100 real samples (inside, at distance 0) and 100 samples far
        // away (inside no real ball). Recall counts the real samples inside the fakes' balls.
        FeatureMatrix real = TestFeatures.gaussian(200, 5, 0, 1, 2);
        FeatureMatrix fake = TestFeatures.stack(real.rows(0, 100), TestFeatures.gaussian(100, 5, 1000, 1, 3));
        PrecisionRecall pr = PrecisionRecall.of(real, fake);
        assertThat(pr.precision()).isEqualTo(0.5);
        double recall = shareInside(real, fake, 3);
        assertThat(recall).isBetween(0.5, 0.99);
        assertThat(pr.recall()).isEqualTo(recall);
    }

    @Test
    void overlappingCloudsMatchBruteForce() {
        FeatureMatrix real = TestFeatures.gaussian(150, 4, 0, 1, 4);
        FeatureMatrix fake = TestFeatures.gaussian(120, 4, 0.7, 0.6, 5);
        PrecisionRecall pr = PrecisionRecall.of(real, fake, 4);
        assertThat(pr.precision()).isEqualTo(shareInside(fake, real, 4));
        assertThat(pr.recall()).isEqualTo(shareInside(real, fake, 4));
        // Narrow fakes inside the real cloud: high precision, low recall.
        assertThat(pr.precision()).isGreaterThan(pr.recall());
    }

    @Test
    void farApartCloudsScoreZero() {
        FeatureMatrix real = TestFeatures.gaussian(100, 6, 0, 1, 6);
        FeatureMatrix fake = TestFeatures.gaussian(100, 6, 50, 1, 7);
        assertThat(PrecisionRecall.of(real, fake)).isEqualTo(new PrecisionRecall(0, 0));
    }

    @Test
    void precomputedRealRadiiGiveTheSameValues() {
        FeatureMatrix real = TestFeatures.gaussian(150, 4, 0, 1, 8);
        FeatureMatrix fake = TestFeatures.gaussian(150, 4, 0.2, 1, 9);
        KthNeighbourRadii realBalls = KthNeighbourRadii.of(real, 3, 32);
        assertThat(PrecisionRecall.of(realBalls, KthNeighbourRadii.of(fake, 3))).isEqualTo(PrecisionRecall.of(real, fake));
    }
}
