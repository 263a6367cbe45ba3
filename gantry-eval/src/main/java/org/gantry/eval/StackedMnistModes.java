package org.gantry.eval;

/**
 * Mode metrics for Stacked MNIST (Metz et al. 2017; Lin et al. 2018, PacGAN), where each sample
 * stacks three digits as colour channels, giving 1,000 modes: the digit triple of every generated
 * sample, read by a classifier per channel, is counted. {@code modes} is the number of distinct
 * triples seen; {@code kl} is KL(p ‖ uniform over 1,000) = Σ_t p_t log(p_t · 1000) over the seen
 * triples t, 0 for a perfectly even spread and log(1000 / modes) for an even spread over fewer modes.
 * With no sample, {@code kl} is NaN, since there is no histogram to compare.
 */
public record StackedMnistModes(int modes, double kl, int count) {
    public static final int MODE_COUNT = 1000;

    /** From triples coded as 100·a + 10·b + c with digits a, b, c of the three channels. */
    public static StackedMnistModes of(int[] triples) {
        int[] hits = new int[MODE_COUNT];
        for (int i = 0; i < triples.length; i++) {
            int t = triples[i];
            if (t < 0 || t >= MODE_COUNT) {
                throw new IllegalArgumentException("triple " + i + " is " + t + ", not in [0, " + MODE_COUNT + ")");
            }
            hits[t]++;
        }
        int modes = 0;
        double kl = 0;
        for (int h : hits) {
            if (h > 0) {
                modes++;
                double p = (double) h / triples.length;
                kl += p * Math.log(p * MODE_COUNT);
            }
        }
        return new StackedMnistModes(modes, triples.length == 0 ? Double.NaN : kl, triples.length);
    }

    /** From the digit of each channel per sample (first channel = hundreds). */
    public static StackedMnistModes of(int[] first, int[] second, int[] third) {
        if (second.length != first.length || third.length != first.length) {
            throw new IllegalArgumentException("the three channels need one digit per sample: " + first.length + ", "
                    + second.length + ", " + third.length);
        }
        int[] triples = new int[first.length];
        for (int i = 0; i < triples.length; i++) {
            triples[i] = 100 * digit(first[i], i) + 10 * digit(second[i], i) + digit(third[i], i);
        }
        return of(triples);
    }

    private static int digit(int d, int sample) {
        if (d < 0 || d > 9) {
            throw new IllegalArgumentException("sample " + sample + " has digit " + d + ", not in [0, 9]");
        }
        return d;
    }
}
