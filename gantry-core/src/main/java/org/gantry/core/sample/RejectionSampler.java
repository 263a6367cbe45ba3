package org.gantry.core.sample;

import java.util.Arrays;
import org.gantry.random.Rng;

/**
 * Discriminator rejection sampling (Azadi et al. 2019, METHODS.md §5). With d̃ the calibrated logit,
 * exp(d̃(x)) estimates p_data(x)/p_g(x), so accepting x with probability exp(d̃(x) − d̃_M) is
 * rejection sampling of the data distribution when d̃_M is the largest logit. The paper's form
 * accepts with σ(F(x)), {@code F = d̃ − d̃_M − log(1 − exp(d̃ − d̃_M − ε)) − γ}, which for γ = 0 is that
 * same probability and for larger γ accepts less; γ is either a number or, as in practice, a
 * percentile of F over each batch of proposals. d̃_M starts as the maximum over a burn-in set and
 * rises whenever a proposal exceeds it.
 */
public final class RejectionSampler implements CriticSampler {
    static final double EPSILON = 1e-8;
    private static final int BATCH = 1024;
    private final boolean calibrate;
    private final int calibrationSamples;
    private final int burnIn;
    private final Gamma gamma;

    /** The shift γ: a fixed number, or the given percentile of F over each batch. */
    public record Gamma(double value, boolean percentile) {
        /** Reads {@code 80}, {@code -1.5} or {@code p95}. */
        public static Gamma parse(String text) {
            String t = text.trim();
            if (t.startsWith("p")) {
                double p = Double.parseDouble(t.substring(1));
                if (!(p >= 0 && p <= 100)) {
                    throw new IllegalArgumentException("percentile " + p + " is outside [0, 100]");
                }
                return new Gamma(p, true);
            }
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("γ must be finite");
            }
            return new Gamma(v, false);
        }
    }

    public RejectionSampler(boolean calibrate, int calibrationSamples, int burnIn, Gamma gamma) {
        this.calibrate = calibrate;
        this.calibrationSamples = calibrationSamples;
        this.burnIn = burnIn;
        this.gamma = gamma;
    }

    /** F(x) without γ: the logit of the acceptance probability exp(d − dMax) (1 when d ≥ dMax). */
    static double acceptanceLogit(double d, double dMax) {
        double u = Math.min(d - dMax, 0) - EPSILON;
        // log(1 − e^u) for u < 0, accurate near 0 and for very negative u.
        return d - dMax - Math.log(-Math.expm1(u));
    }

    @Override
    public Sampled sample(SamplingTarget target, int count, Rng rng) {
        check(target);
        LogitCalibration calibration = Proposals.calibration(target, calibrate, calibrationSamples, rng);
        double dMax = Double.NEGATIVE_INFINITY;
        for (int done = 0; done < burnIn; done += BATCH) {
            int n = Math.min(BATCH, burnIn - done);
            for (double d : calibration.apply(target.logits(Proposals.draw(target, n, rng), n))) {
                dMax = Math.max(dMax, d);
            }
        }
        int length = target.exampleLength();
        float[] out = new float[count * length];
        int accepted = 0;
        long proposals = 0;
        while (accepted < count) {
            float[] x = Proposals.draw(target, BATCH, rng);
            double[] d = calibration.apply(target.logits(x, BATCH));
            for (double v : d) {
                dMax = Math.max(dMax, v);
            }
            double[] f = new double[BATCH];
            for (int i = 0; i < BATCH; i++) {
                f[i] = acceptanceLogit(d[i], dMax);
            }
            double shift = gamma.percentile() ? percentile(f, gamma.value()) : gamma.value();
            for (int i = 0; i < BATCH && accepted < count; i++) {
                proposals++;
                if (rng.uniform() < LogitCalibration.sigmoid(f[i] - shift)) {
                    Proposals.copyRow(x, i, out, accepted++, length);
                }
            }
            if (proposals > 10_000L * count + 100 * BATCH) {
                throw new org.gantry.config.ConfigException("discriminator rejection sampling accepted " + accepted
                        + " of " + proposals + " proposals; the critic rejects almost everything (a lower sample.gamma, "
                        + "number or percentile, accepts more)");
            }
        }
        return new Sampled(out, count, proposals, accepted);
    }

    /** The p-th percentile, linearly interpolated between order statistics (numpy's default). */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }
}
