package org.gantry.core.sample;

/**
 * Platt scaling of a critic's logit: {@code d̃(s) = a·s + b}, fitted by logistic regression of
 * "real" on s over held-out real and generated examples. A critic trained to the end of a GAN
 * game is not a calibrated classifier of real against generated (it is over-confident on the
 * examples it was trained on, or lags behind the generator), and DRS and MH-GAN read its output as
 * the density ratio p_data/p_g = exp(d̃); their papers calibrate first, so this does. Platt's
 * smoothed targets, (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2), keep the fit finite when the two sets are
 * separable.
 */
public record LogitCalibration(double scale, double shift) {

    /** The identity: the critic's logit as it is. */
    public static final LogitCalibration NONE = new LogitCalibration(1, 0);

    /** The calibrated logit of a raw one. */
    public double apply(double logit) {
        return scale * logit + shift;
    }

    /** Calibrated logits of raw ones. */
    public double[] apply(float[] logits) {
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = apply(logits[i]);
        }
        return out;
    }

    /** The maximum-likelihood (a, b) for real logits labelled 1 and generated ones labelled 0, by Newton's method. */
    public static LogitCalibration fit(float[] real, float[] generated) {
        if (real.length == 0 || generated.length == 0) {
            throw new IllegalArgumentException("calibration needs real and generated logits, got " + real.length
                    + " and " + generated.length);
        }
        double positive = (real.length + 1.0) / (real.length + 2.0);
        double negative = 1.0 / (generated.length + 2.0);
        // Centred and scaled logits condition Newton's 2×2 system; the fit is mapped back at the end.
        double mean = 0;
        for (float s : real) {
            mean += s;
        }
        for (float s : generated) {
            mean += s;
        }
        mean /= real.length + generated.length;
        double spread = 0;
        for (float s : real) {
            spread += (s - mean) * (s - mean);
        }
        for (float s : generated) {
            spread += (s - mean) * (s - mean);
        }
        spread = Math.sqrt(spread / (real.length + generated.length));
        if (!(spread > 0) || !Double.isFinite(spread)) {
            // Every logit equal (or not finite): the logit says nothing, only the base rate is left.
            return new LogitCalibration(0, Math.log(positive * real.length + negative * generated.length)
                    - Math.log((1 - positive) * real.length + (1 - negative) * generated.length));
        }
        double a = 0;
        double b = 0;
        double loss = negativeLogLikelihood(a, b, real, generated, positive, negative, mean, spread);
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (int k = 0; k < 2; k++) {
                float[] set = k == 0 ? real : generated;
                double target = k == 0 ? positive : negative;
                for (float raw : set) {
                    double s = (raw - mean) / spread;
                    double p = sigmoid(a * s + b);
                    double r = p - target;
                    double w = p * (1 - p);
                    ga += r * s;
                    gb += r;
                    haa += w * s * s;
                    hab += w * s;
                    hbb += w;
                }
            }
            double det = haa * hbb - hab * hab;
            if (!(det > 0)) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            double step = 1;
            double next = negativeLogLikelihood(a - da, b - db, real, generated, positive, negative, mean, spread);
            while (next > loss && step > 1e-6) {
                step /= 2;
                next = negativeLogLikelihood(a - step * da, b - step * db, real, generated, positive, negative, mean,
                        spread);
            }
            if (next > loss) {
                break;
            }
            a -= step * da;
            b -= step * db;
            boolean converged = loss - next < 1e-12 * (real.length + generated.length);
            loss = next;
            if (converged) {
                break;
            }
        }
        return new LogitCalibration(a / spread, b - a * mean / spread);
    }

    private static double negativeLogLikelihood(double a, double b, float[] real, float[] generated, double positive,
            double negative, double mean, double spread) {
        double sum = 0;
        for (float raw : real) {
            double u = a * (raw - mean) / spread + b;
            sum += positive * softplus(-u) + (1 - positive) * softplus(u);
        }
        for (float raw : generated) {
            double u = a * (raw - mean) / spread + b;
            sum += negative * softplus(-u) + (1 - negative) * softplus(u);
        }
        return sum;
    }

    static double sigmoid(double u) {
        return u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
    }

    /** log(1 + e^u) without overflow. */
    static double softplus(double u) {
        return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
    }
}
