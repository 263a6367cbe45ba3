package org.gantry.core;

import java.util.Arrays;
import org.hipparchus.distribution.continuous.NormalDistribution;

/** The one-sample Kolmogorov–Smirnov distance, for tests whose draws should follow a normal law. */
public final class KolmogorovSmirnov {
    private KolmogorovSmirnov() {}

    /** sup |F_n − F| between the empirical distribution of {@code x} and {@code cdf}. */
    public static double distance(float[] x, NormalDistribution cdf) {
        double[] sorted = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            sorted[i] = x[i];
        }
        Arrays.sort(sorted);
        double worst = 0;
        for (int i = 0; i < sorted.length; i++) {
            double f = cdf.cumulativeProbability(sorted[i]);
            worst = Math.max(worst, Math.max(Math.abs(f - (double) i / sorted.length),
                    Math.abs(f - (double) (i + 1) / sorted.length)));
        }
        return worst;
    }
}
