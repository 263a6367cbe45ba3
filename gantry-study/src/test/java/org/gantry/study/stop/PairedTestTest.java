package org.gantry.study.stop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PairedTestTest {

    /** With two degrees of freedom Student's t has a closed form: F(t) = 1/2 + t / (2 sqrt(2 + t^2)). */
    @Test
    void pValueMatchesTheClosedFormWithThreePairs() {
        Map<Long, Double> best = Map.of(0L, 10.0, 1L, 20.0, 2L, 30.0);
        Map<Long, Double> worse = Map.of(0L, 11.0, 1L, 22.0, 2L, 33.0); // differences 1, 2, 3
        double t = 2 / (1 / Math.sqrt(3));
        double expected = 0.5 - t / (2 * Math.sqrt(2 + t * t));
        assertThat(PairedTest.pWorse(worse, best)).isCloseTo(expected, within(1e-12));
        // The other way round the candidate is better: p is the upper tail's complement.
        assertThat(PairedTest.pWorse(best, worse)).isCloseTo(1 - expected, within(1e-12));
    }

    @Test
    void onlySharedSeedsArePairedAndTooFewPairsAreNoTest() {
        Map<Long, Double> best = Map.of(0L, 1.0, 1L, 1.0);
        assertThat(PairedTest.pWorse(Map.of(0L, 5.0, 7L, 9.0), best)).isEqualTo(1.0);
        assertThat(PairedTest.pWorse(Map.of(0L, 2.0, 1L, 2.0), best)).isEqualTo(0.0);
        assertThat(PairedTest.pWorse(Map.of(0L, 1.0, 1L, 1.0), best)).isEqualTo(1.0);
    }

    /** Holm against its definition: reject the k smallest where p_(j) <= alpha / (m - j + 1) for every j <= k. */
    @Test
    void holmMatchesItsStepDownDefinition() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int trial = 0; trial < 2000; trial++) {
            int m = 1 + r.nextInt(8);
            double[] p = new double[m];
            for (int i = 0; i < m; i++) {
                p[i] = r.nextDouble() < 0.5 ? r.nextDouble() * 0.05 : r.nextDouble();
            }
            boolean[] got = PairedTest.holm(p, 0.05);
            double[] sorted = p.clone();
            java.util.Arrays.sort(sorted);
            int k = 0;
            while (k < m && sorted[k] <= 0.05 / (m - k)) {
                k++;
            }
            double threshold = k == 0 ? -1 : sorted[k - 1];
            for (int i = 0; i < m; i++) {
                assertThat(got[i]).isEqualTo(p[i] <= threshold);
            }
        }
    }
}
