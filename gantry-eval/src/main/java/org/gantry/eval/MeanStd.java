package org.gantry.eval;

/**
 * Mean and sample standard deviation (divisor n − 1) of a few values, such as a metric over splits
 * or blocks. One value has standard deviation 0. (The original Inception-score code reports the
 * population deviation, divisor n, which is smaller by a factor sqrt((n − 1)/n): 0.95 for 10 splits.)
 */
public record MeanStd(double mean, double std, int count) {

    public static MeanStd of(double[] values) {
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("mean and deviation need at least one value");
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        // Two passes: deviations from the mean, not E[x²] − E[x]², which cancels badly.
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new MeanStd(mean, n == 1 ? 0 : Math.sqrt(squares / (n - 1)), n);
    }
}
