package org.gantry.core.sample;

import org.gantry.config.ConfigException;
import org.gantry.core.model.LatentSpace;
import org.gantry.random.Rng;

/**
 * REP-GAN (Wang et al. 2021, METHODS.md §5): a Markov chain in latent space whose target is the
 * prior reweighted by the calibrated density ratio, {@code p(z) ∝ N(z; 0, I)·exp(d̃(G(z)))}, so that
 * G(z) follows the data distribution when the critic is exact. With {@code E(z) = d̃(G(z)) − ‖z‖²/2}
 * a Langevin proposal {@code z' = z + (τ/2)∇E(z) + η ε} is accepted with the Metropolis–Hastings
 * ratio of that asymmetric proposal, {@code exp(E(z') − E(z) + ‖ε‖²/2 − ‖z − μ(z')‖²/(2η²))},
 * {@code μ(z') = z' + (τ/2)∇E(z')}. Each sample is G(z) after {@code steps} steps of its own chain,
 * started from the prior. Needs normal noise, no latent codes, and a generator whose outputs are
 * the examples (the gradient passes through them).
 */
public final class LatentLangevinSampler implements CriticSampler {
    private static final int CHAINS = 256;
    private final boolean calibrate;
    private final int calibrationSamples;
    private final int steps;
    private final double stepSize;
    private final double noise;

    public LatentLangevinSampler(boolean calibrate, int calibrationSamples, int steps, double stepSize, double noise) {
        this.calibrate = calibrate;
        this.calibrationSamples = calibrationSamples;
        this.steps = steps;
        this.stepSize = stepSize;
        this.noise = noise;
    }

    /**
     * The log acceptance ratio of one chain's move z → z' = z + (τ/2)∇E(z) + ηε, from the calibrated
     * logits at both ends and the energy gradient at z'.
     */
    static double logAcceptance(float[] z, int at, float[] next, double[] epsilon, double logit, double nextLogit,
            double[] nextEnergyGradient, int size, double stepSize, double noise) {
        double sq = 0, nextSq = 0, eps = 0, back = 0;
        for (int i = 0; i < size; i++) {
            double zi = z[at + i];
            double zn = next[at + i];
            sq += zi * zi;
            nextSq += zn * zn;
            eps += epsilon[i] * epsilon[i];
            double r = zi - (zn + stepSize / 2 * nextEnergyGradient[i]);
            back += r * r;
        }
        return nextLogit - logit + (sq - nextSq) / 2 + eps / 2 - back / (2 * noise * noise);
    }

    @Override
    public void check(SamplingTarget target) {
        LatentSpace latent = target.latentSpace();
        if (latent.uniformNoise() || latent.hasCodes() || !target.outputsAreExamples()) {
            throw new ConfigException("sample.name=rep_gan needs g.z_dist=normal, a game without latent codes and a "
                    + "generator of examples (its Langevin steps follow the gradient through G(z) in N(0, I))");
        }
        CriticSampler.super.check(target);
    }

    @Override
    public Sampled sample(SamplingTarget target, int count, Rng rng) {
        check(target);
        LatentSpace latent = target.latentSpace();
        LogitCalibration calibration = Proposals.calibration(target, calibrate, calibrationSamples, rng);
        int size = latent.size();
        int length = target.exampleLength();
        float[] out = new float[count * length];
        long accepted = 0;
        for (int first = 0; first < count; first += CHAINS) {
            int n = Math.min(CHAINS, count - first);
            float[] z = new float[n * size];
            latent.draw(rng, z);
            SamplingTarget.LatentLogits at = target.latentLogits(z, n);
            double[] logit = calibration.apply(at.logits());
            double[] gradient = energyGradient(at.gradient(), z, calibration.scale());
            for (int step = 0; step < steps; step++) {
                float[] next = new float[n * size];
                double[] epsilon = new double[n * size];
                for (int k = 0; k < next.length; k++) {
                    double mean = z[k] + stepSize / 2 * gradient[k];
                    next[k] = (float) (mean + noise * rng.gaussian());
                    // The noise of the step actually taken, after rounding to float: the ratio is that move's.
                    epsilon[k] = (next[k] - mean) / noise;
                }
                SamplingTarget.LatentLogits there = target.latentLogits(next, n);
                double[] nextLogit = calibration.apply(there.logits());
                double[] nextGradient = energyGradient(there.gradient(), next, calibration.scale());
                double[] eps = new double[size];
                double[] g = new double[size];
                for (int c = 0; c < n; c++) {
                    int offset = c * size;
                    System.arraycopy(epsilon, offset, eps, 0, size);
                    System.arraycopy(nextGradient, offset, g, 0, size);
                    double log = logAcceptance(z, offset, next, eps, logit[c], nextLogit[c], g, size, stepSize, noise);
                    if (Math.log(rng.uniform()) < log) {
                        System.arraycopy(next, offset, z, offset, size);
                        System.arraycopy(nextGradient, offset, gradient, offset, size);
                        logit[c] = nextLogit[c];
                        accepted++;
                    }
                }
            }
            float[] x = target.generate(z, n);
            System.arraycopy(x, 0, out, first * length, n * length);
        }
        return new Sampled(out, count, (long) count * steps, accepted);
    }

    /** ∇E(z) = a·∇s(G(z)) − z for the calibrated logit a·s + b. */
    private static double[] energyGradient(float[] logitGradient, float[] z, double scale) {
        double[] g = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            g[k] = scale * logitGradient[k] - z[k];
        }
        return g;
    }
}
