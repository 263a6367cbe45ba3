package org.gantry.study.report;

import org.hipparchus.special.Beta;

/**
 * The exact two-sided sign test of "neither level is better": under it, each untied comparison is
 * a fair coin. A win rate of 10 of 12 settings says little without it; the self-modulation paper's
 * 124 of 144 says much.
 */
final class SignTest {
    private SignTest() {}

    /** Twice the smaller tail of Binomial(wins + losses, 1/2) at {@code wins}, at most 1; ties left out. */
    static double twoSided(int wins, int losses) {
        int n = wins + losses;
        if (n == 0) {
            return 1;
        }
        int low = Math.min(wins, losses);
        if (2 * low == n) {
            return 1;
        }
        // P(X <= low) = I_{1/2}(n - low, low + 1), the regularised incomplete beta function, taken
        // directly: 1 - (upper tail), as the binomial distribution computes it, rounds p-values
        // below about 1e-16 (124 of 144) to zero.
        return Math.min(1, 2 * Beta.regularizedBeta(0.5, n - low, low + 1.0));
    }
}
