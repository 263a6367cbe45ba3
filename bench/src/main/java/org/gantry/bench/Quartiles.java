package org.gantry.bench;

import java.util.List;

/**
 * Median and quartiles of a sample, by linear interpolation between order statistics. Step times
 * have a long right tail (a garbage collection, a page fault), so the median and the interquartile
 * range describe them better than a mean and a standard deviation.
 */
record Quartiles(double q1, double median, double q3, int count) {

    static Quartiles of(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return new Quartiles(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new Quartiles(quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75), v.length);
    }

    double iqr() {
        return q3 - q1;
    }

    /** The p-quantile of sorted values: position p·(n − 1), interpolated. */
    static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
