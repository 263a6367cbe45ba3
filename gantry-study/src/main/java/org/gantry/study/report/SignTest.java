package org.gantry.study.report;

import org.hipparchus.distribution.discrete.BinomialDistribution;

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
        BinomialDistribution coin = new BinomialDistribution(n, 0.5);
        int low = Math.min(wins, losses);
        return Math.min(1, 2 * coin.cumulativeProbability(low));
    }
}
