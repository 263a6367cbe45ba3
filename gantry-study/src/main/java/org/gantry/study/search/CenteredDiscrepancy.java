package org.gantry.study.search;

import java.util.List;

/**
 * Hickernell's centred L2 discrepancy of a point set in [0, 1)^d, by its closed form: 0 for a
 * perfectly even set, ((5/4)^d - (13/12)^d) / n on average for n independent uniform points, of
 * the order of (log n)^d / n^2 for a low-discrepancy set. Unlike the star discrepancy it does not
 * favour the origin's corner.
 */
public final class CenteredDiscrepancy {
    private CenteredDiscrepancy() {}

    /** The squared centred L2 discrepancy. */
    public static double squared(List<double[]> points) {
        int n = points.size();
        int d = points.get(0).length;
        double single = 0;
        for (double[] x : points) {
            double prod = 1;
            for (int k = 0; k < d; k++) {
                double a = Math.abs(x[k] - 0.5);
                prod *= 1 + 0.5 * a - 0.5 * a * a;
            }
            single += prod;
        }
        double pairs = 0;
        for (double[] x : points) {
            for (double[] y : points) {
                double prod = 1;
                for (int k = 0; k < d; k++) {
                    prod *= 1 + 0.5 * Math.abs(x[k] - 0.5) + 0.5 * Math.abs(y[k] - 0.5) - 0.5 * Math.abs(x[k] - y[k]);
                }
                pairs += prod;
            }
        }
        return Math.pow(13.0 / 12.0, d) - 2.0 / n * single + pairs / ((double) n * n);
    }
}
