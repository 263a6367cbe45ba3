package org.gantry.core.regularise;

import ai.djl.ndarray.NDArray;

/**
 * DRAGAN (Kodali et al. 2017): λ · E (‖∇D(x + δ)‖ − 1)² around real points, δ = 0.5 · std(x) · u
 * with u ~ U[0, 1] per value and std the standard deviation of the real batch.
 */
public final class DraganPenalty extends GradientPenalty {
    public DraganPenalty(double lambda) {
        super(lambda, Target.UNIT);
    }

    @Override
    protected NDArray points(PenaltyInputs in) {
        NDArray real = in.real();
        float std = (float) Math.sqrt(real.sub(real.mean()).square().mean().getFloat());
        return real.add(real.getManager().create(uniform(in.rng(), real.size()), real.getShape()).mul(0.5f * std));
    }
}
