package org.gantry.bench;

import java.util.List;

/** Mean and standard error of the mean over trials, ignoring undefined (NaN) values. */
record Stats(double mean, double standardError, int count) {

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
            return new Stats(Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double se = n > 1 ? Math.sqrt(ss / (n - 1)) / Math.sqrt(n) : 0;
        return new Stats(mean, se, n);
    }

    String format(String pattern, double scale) {
        if (count == 0) {
            return "n/a";
        }
        return String.format(pattern + " ± " + pattern, mean * scale, standardError * scale);
    }
}
