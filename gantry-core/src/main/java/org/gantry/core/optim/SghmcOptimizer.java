package org.gantry.core.optim;

import ai.djl.ndarray.NDArray;
import org.gantry.random.Rng;

/**
 * Stochastic-gradient Hamiltonian Monte Carlo (Chen, Fox & Guestrin 2014), in the form the Bayesian
 * GAN samples its networks with (Saatci & Wilson 2017): v ← (1 − α)v − η∇U(θ) + N(0, 2αη),
 * θ ← θ + v, on the potential U(θ) = S·L(θ) + ‖θ‖²/(2σ²), L being the objective the network's
 * gradient is of (a batch mean, so S is how many examples it stands for) and N(0, σ²) the prior.
 * Its stationary law for a small step is the posterior ∝ exp(−U): it samples parameters rather
 * than minimising, and the friction α sets how fast the velocity forgets.
 *
 * <p>The noise of a parameter's t-th update is drawn from a stream of its own, derived from the
 * run's seed, the parameter's stable name in its network and t; a checkpoint restores t, so a
 * resumed run draws what the uninterrupted one would have.
 */
public final class SghmcOptimizer extends StatefulOptimizer {
    private final float lr;
    private final float friction;
    private final float posteriorScale;
    private final float priorPrecision;
    private final float noiseStd;
    private final long seed;
    private final String purpose;

    /**
     * @param lr the step η
     * @param friction α in (0, 1]
     * @param priorStd σ of the Gaussian prior on every parameter
     * @param posteriorScale S, the weight of the objective in the potential
     * @param purpose names the noise streams, e.g. "sghmc-g", so that each network's differ
     */
    public SghmcOptimizer(double lr, double friction, double priorStd, double posteriorScale, long seed,
            String purpose) {
        super(1);
        if (!(friction > 0 && friction <= 1)) {
            throw new IllegalArgumentException("SGHMC friction must lie in (0, 1]: " + friction);
        }
        this.lr = (float) lr;
        this.friction = (float) friction;
        this.posteriorScale = (float) posteriorScale;
        this.priorPrecision = (float) (1 / (priorStd * priorStd));
        this.noiseStd = (float) Math.sqrt(2 * friction * lr);
        this.seed = seed;
        this.purpose = purpose;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = nextCount(parameterId);
        NDArray velocity = slots(parameterId, weight)[0];
        float[] noise = new float[Math.toIntExact(weight.size())];
        Rng.forPurpose(seed, purpose + "/" + stableName(parameterId) + "/" + t).fillGaussian(noise);
        for (int i = 0; i < noise.length; i++) {
            noise[i] *= noiseStd;
        }
        // Outside any graph: the optimizer's arithmetic is never differentiated.
        try (NDArray n = weight.getManager().create(noise, weight.getShape());
                NDArray step = grad.mul(posteriorScale);
                NDArray prior = weight.mul(priorPrecision)) {
            step.addi(prior).muli(lr); // η∇U
            velocity.muli(1 - friction).subi(step).addi(n);
            weight.addi(velocity);
        }
    }
}
