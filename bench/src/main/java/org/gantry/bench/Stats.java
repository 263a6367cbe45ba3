package org.gantry.bench;

import java.util.List;

/**
 * Mean and standard error of the mean over trials. Undefined (NaN) values are left out of both —
 * reverse KL has no value when a trial has no high-quality sample — and {@link #format} says how
 * many trials the figure covers whenever that is fewer than all of them.
 */
record Stats(double mean, double standardError, int count, int trials) {

    static Stats of(List<Double> values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        if (n == 0) {
            return new Stats(Double.NaN, Double.NaN, 0, values.size());
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double se = n > 1 ? Math.sqrt(ss / (n - 1)) / Math.sqrt(n) : 0;
        return new Stats(mean, se, n, values.size());
    }

    String format(String pattern, double scale) {
        if (count == 0) {
            return "n/a";
        }
        String figure = String.format(pattern + " ± " + pattern, mean * scale, standardError * scale);
        return count < trials ? figure + " (" + count + " of " + trials + " trials)" : figure;
    }
}
