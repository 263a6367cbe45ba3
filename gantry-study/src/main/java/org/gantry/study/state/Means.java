package org.gantry.study.state;

import java.util.Arrays;

/** Means and spreads of a configuration's values over its seeds, as the policies and reports compare them. */
public final class Means {
    private Means() {}

    public static double of(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** The mean, negated when higher is better, so that smaller is always better. */
    public static double oriented(double[] v, boolean higherIsBetter) {
        double m = of(v);
        return higherIsBetter ? -m : m;
    }

    /** The sample standard deviation (n - 1); 0 for fewer than two values. */
    public static double standardDeviation(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = of(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    /** The standard error of the mean; 0 for fewer than two values. */
    public static double standardError(double[] v) {
        return v.length < 2 ? 0 : standardDeviation(v) / Math.sqrt(v.length);
    }
}
