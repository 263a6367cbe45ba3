package org.gantry.core.sample;

import org.gantry.random.Rng;

/**
 * Metropolis–Hastings GAN (Turner et al. 2019, METHODS.md §5): a Markov chain over examples with
 * independent proposals x' ~ G. With a calibrated critic D = σ(d̃), (1/D − 1) = exp(−d̃) estimates
 * p_g/p_data, so accepting with {@code min(1, exp(d̃(x') − d̃(x)))} leaves p_data stationary. Each
 * sample is the state of its own chain after {@code steps} proposals. As in the paper a chain
 * starts at a held-out real example, so it needs no burn-in; one that never leaves it is started
 * again from a generated example, so that no real example is returned as a sample.
 */
public final class IndependentMetropolisSampler implements CriticSampler {
    private static final int CHAINS = 256;
    private final boolean calibrate;
    private final int calibrationSamples;
    private final int steps;

    public IndependentMetropolisSampler(boolean calibrate, int calibrationSamples, int steps) {
        this.calibrate = calibrate;
        this.calibrationSamples = calibrationSamples;
        this.steps = steps;
    }

    /** The probability of moving from a state of calibrated logit {@code current} to a proposal of logit {@code proposed}. */
    static double acceptance(double current, double proposed) {
        return Math.min(1, Math.exp(proposed - current));
    }

    @Override
    public Sampled sample(SamplingTarget target, int count, Rng rng) {
        check(target);
        LogitCalibration calibration = Proposals.calibration(target, calibrate, calibrationSamples, rng);
        int length = target.exampleLength();
        float[] out = new float[count * length];
        long proposals = 0;
        long accepted = 0;
        for (int first = 0; first < count; first += CHAINS) {
            int n = Math.min(CHAINS, count - first);
            float[] state = starts(target, n, rng);
            double[] logit = calibration.apply(target.logits(state, n));
            boolean[] moved = new boolean[n];
            accepted += run(target, calibration, state, logit, moved, rng, null);
            proposals += (long) n * steps;
            int stuck = 0;
            for (boolean m : moved) {
                stuck += m ? 0 : 1;
            }
            if (stuck > 0) {
                // Restarted chains begin at a generated example (one more proposal, always taken).
                float[] restart = Proposals.draw(target, stuck, rng);
                double[] restartLogit = calibration.apply(target.logits(restart, stuck));
                for (int i = 0, j = 0; i < n; i++) {
                    if (!moved[i]) {
                        Proposals.copyRow(restart, j, state, i, length);
                        logit[i] = restartLogit[j++];
                    }
                }
                accepted += stuck + run(target, calibration, state, logit, new boolean[n], rng, moved);
                proposals += (long) stuck * (steps + 1);
            }
            System.arraycopy(state, 0, out, first * length, n * length);
        }
        return new Sampled(out, count, proposals, accepted);
    }

    /** {@code n} held-out real examples, drawn in pieces when fewer are held out (a small data set). */
    private static float[] starts(SamplingTarget target, int n, Rng rng) {
        int length = target.exampleLength();
        float[] out = new float[n * length];
        for (int done = 0; done < n; ) {
            int piece = Math.min(n - done, target.heldOutAvailable());
            System.arraycopy(target.heldOut(piece, rng), 0, out, done * length, piece * length);
            done += piece;
        }
        return out;
    }

    /** {@code steps} MH steps of every chain not {@code frozen} (null: none is); returns the moves accepted. */
    private long run(SamplingTarget target, LogitCalibration calibration, float[] state, double[] logit,
            boolean[] moved, Rng rng, boolean[] frozen) {
        int n = logit.length;
        int active = 0;
        for (int i = 0; i < n; i++) {
            active += frozen != null && frozen[i] ? 0 : 1;
        }
        int length = target.exampleLength();
        long accepted = 0;
        for (int step = 0; step < steps; step++) {
            float[] proposal = Proposals.draw(target, active, rng);
            double[] proposed = calibration.apply(target.logits(proposal, active));
            for (int i = 0, j = 0; i < n; i++) {
                if (frozen != null && frozen[i]) {
                    continue;
                }
                if (rng.uniform() < acceptance(logit[i], proposed[j])) {
                    Proposals.copyRow(proposal, j, state, i, length);
                    logit[i] = proposed[j];
                    moved[i] = true;
                    accepted++;
                }
                j++;
            }
        }
        return accepted;
    }
}
