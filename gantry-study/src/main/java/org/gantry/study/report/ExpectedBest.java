package org.gantry.study.report;

import java.util.Arrays;

/**
 * The best metric a study of k runs can expect, from the runs this study finished ("Are GANs created
 * equal?"): k runs drawn at random with replacement. Exact rather than resampled: with the values
 * sorted from worst to best, the best of k is at most the i-th of n with probability (i/n)^k, so
 * its expectation and quantiles follow directly (the bootstrap's limit, without its noise).
 */
public final class ExpectedBest {
    private ExpectedBest() {}

    /** For k = 1..maxK: the expected best, and the range between the 5 % and 95 % quantiles of the best (low <= high). */
    public record Curve(int[] k, double[] mean, double[] low, double[] high) {}

    public static Curve of(double[] values, boolean higherIsBetter, int maxK) {
        int n = values.length;
        double[] worstToBest = values.clone();
        Arrays.sort(worstToBest);
        if (!higherIsBetter) {
            for (int i = 0; i < n / 2; i++) {
                double t = worstToBest[i];
                worstToBest[i] = worstToBest[n - 1 - i];
                worstToBest[n - 1 - i] = t;
            }
        }
        int[] ks = new int[maxK];
        double[] mean = new double[maxK];
        double[] low = new double[maxK];
        double[] high = new double[maxK];
        for (int k = 1; k <= maxK; k++) {
            ks[k - 1] = k;
            double m = 0;
            for (int i = 1; i <= n; i++) {
                double p = Math.pow((double) i / n, k) - Math.pow((double) (i - 1) / n, k);
                m += p * worstToBest[i - 1];
            }
            mean[k - 1] = m;
            double worse = quantile(worstToBest, k, 0.05);
            double better = quantile(worstToBest, k, 0.95);
            low[k - 1] = Math.min(worse, better);
            high[k - 1] = Math.max(worse, better);
        }
        return new Curve(ks, mean, low, high);
    }

    /** The smallest rank i (worst first) with P(best of k at most the i-th) >= q. */
    private static double quantile(double[] worstToBest, int k, double q) {
        int n = worstToBest.length;
        for (int i = 1; i <= n; i++) {
            if (Math.pow((double) i / n, k) >= q) {
                return worstToBest[i - 1];
            }
        }
        return worstToBest[n - 1];
    }
}
