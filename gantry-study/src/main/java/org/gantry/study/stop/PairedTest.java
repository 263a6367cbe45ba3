package org.gantry.study.stop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hipparchus.distribution.continuous.TDistribution;

/** The one-sided paired t-test racing uses, and Holm's step-down correction over a family of tests. */
public final class PairedTest {
    private PairedTest() {}

    /**
     * The p-value of "the candidate is no worse than the best" against "it is worse", from the
     * paired differences of the seeds both have; values oriented so that smaller is better. With
     * fewer than two pairs there is no test (1). Equal differences with no spread give 0 when the
     * candidate is worse on every seed, else 1.
     */
    public static double pWorse(Map<Long, Double> candidate, Map<Long, Double> best) {
        List<Double> d = new ArrayList<>();
        candidate.forEach((seed, v) -> {
            Double b = best.get(seed);
            if (b != null) {
                d.add(v - b);
            }
        });
        int n = d.size();
        if (n < 2) {
            return 1;
        }
        double mean = d.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = d.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        double sd = Math.sqrt(ss / (n - 1));
        if (sd == 0 || !Double.isFinite(sd)) {
            return mean > 0 ? 0 : 1;
        }
        double t = mean / (sd / Math.sqrt(n));
        return 1 - new TDistribution(n - 1).cumulativeProbability(t);
    }

    /** Which of the p-values Holm's procedure rejects at family-wise level {@code alpha}. */
    public static boolean[] holm(double[] p, double alpha) {
        int m = p.length;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> p[i]));
        boolean[] reject = new boolean[m];
        for (int k = 0; k < m; k++) {
            int i = order.get(k);
            if (p[i] > alpha / (m - k)) {
                break;
            }
            reject[i] = true;
        }
        return reject;
    }
}
