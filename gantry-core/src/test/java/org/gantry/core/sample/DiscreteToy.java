package org.gantry.core.sample;

import org.gantry.core.model.LatentSpace;
import org.gantry.random.Rng;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;

/**
 * A generator over k atoms (examples 0, 1, ..., k − 1) with probabilities q, data with
 * probabilities p, and a perfect critic: its logit at atom j is log(p_j / q_j). The samplers that
 * consult a critic should turn q into p.
 */
final class DiscreteToy extends OneDimensionalTarget {
    final double[] p;
    final double[] q;
    private final double[] logit;

    DiscreteToy(double[] p, double[] q) {
        super(LatentSpace.noiseOnly(1, true));
        this.p = p;
        this.q = q;
        this.logit = new double[p.length];
        for (int j = 0; j < p.length; j++) {
            logit[j] = Math.log(p[j] / q[j]);
        }
    }

    @Override
    public float[] generate(float[] z, int count) {
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = atom(q, (z[i] + 1) / 2);
        }
        return x;
    }

    @Override
    public float[] logits(float[] examples, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) logit[(int) examples[i]];
        }
        return out;
    }

    @Override
    public LatentLogits latentLogits(float[] z, int count) {
        throw new UnsupportedOperationException("atoms have no gradient");
    }

    @Override
    public float[] heldOut(int count, Rng rng) {
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = atom(p, rng.uniform());
        }
        return x;
    }

    private static float atom(double[] probabilities, double u) {
        double c = 0;
        for (int j = 0; j < probabilities.length; j++) {
            c += probabilities[j];
            if (u < c) {
                return j;
            }
        }
        return probabilities.length - 1;
    }

    /** Counts of each atom among {@code n} examples. */
    static long[] counts(float[] examples, int k) {
        long[] c = new long[k];
        for (float x : examples) {
            c[(int) x]++;
        }
        return c;
    }

    /** The upper tail probability of Pearson's χ² statistic of {@code counts} against {@code probabilities}. */
    static double chiSquaredP(long[] counts, double[] probabilities) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        double stat = 0;
        for (int j = 0; j < counts.length; j++) {
            double e = n * probabilities[j];
            stat += (counts[j] - e) * (counts[j] - e) / e;
        }
        return 1 - new ChiSquaredDistribution(counts.length - 1).cumulativeProbability(stat);
    }
}
