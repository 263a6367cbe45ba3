package org.gantry.eval;

/**
 * Inception score (Salimans et al. 2016, "Improved Techniques for Training GANs") from a classifier's
 * class probabilities p(y|x), one row per generated sample: exp(E_x KL(p(y|x) ‖ p(y))) with p(y)
 * the mean prediction. High when each sample is classified confidently and the classes are spread
 * out; it lies in [1, K] for K classes. As in the reference code the rows are cut into consecutive
 * splits, rows [s·n/S, (s+1)·n/S) for split s of S, each with its own p(y), and the score is reported
 * as mean and standard deviation over splits. A zero probability adds nothing (0 · log 0 = 0).
 */
public final class InceptionScore {
    public static final int DEFAULT_SPLITS = 10;
    /** How far a row's sum may be from 1: a softmax in float is well inside it, logits are far outside. */
    private static final double ROW_SUM_TOLERANCE = 1e-3;

    private InceptionScore() {}

    public static MeanStd of(FeatureMatrix probabilities) {
        return of(probabilities, DEFAULT_SPLITS);
    }

    public static MeanStd of(FeatureMatrix probabilities, int splits) {
        int n = probabilities.rows();
        if (splits < 1 || splits > n) {
            throw new IllegalArgumentException("splits must be in [1, " + n + "] for " + n + " rows, got " + splits);
        }
        checkDistributions(probabilities);
        double[] scores = new double[splits];
        for (int s = 0; s < splits; s++) {
            int from = (int) ((long) s * n / splits);
            int to = (int) ((long) (s + 1) * n / splits);
            scores[s] = splitScore(probabilities, from, to);
        }
        return MeanStd.of(scores);
    }

    private static double splitScore(FeatureMatrix p, int from, int to) {
        int classes = p.columns();
        double[] logMarginal = new double[classes];
        for (int i = from; i < to; i++) {
            for (int c = 0; c < classes; c++) {
                logMarginal[c] += p.get(i, c);
            }
        }
        for (int c = 0; c < classes; c++) {
            logMarginal[c] = Math.log(logMarginal[c] / (to - from));
        }
        double kl = 0;
        for (int i = from; i < to; i++) {
            for (int c = 0; c < classes; c++) {
                double q = p.get(i, c);
                // q > 0 implies a positive marginal, so the logarithms are finite.
                if (q > 0) {
                    kl += q * (Math.log(q) - logMarginal[c]);
                }
            }
        }
        return Math.exp(kl / (to - from));
    }

    private static void checkDistributions(FeatureMatrix p) {
        for (int i = 0; i < p.rows(); i++) {
            double sum = 0;
            for (int c = 0; c < p.columns(); c++) {
                float q = p.get(i, c);
                if (!(q >= 0)) {
                    throw new IllegalArgumentException("row " + i + " has probability " + q + " for class " + c);
                }
                sum += q;
            }
            if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
                throw new IllegalArgumentException("row " + i + " sums to " + sum + ", not 1: pass probabilities (softmax), not logits");
            }
        }
    }
}
