package org.gantry.core.regularise;

import ai.djl.ndarray.NDArray;

/**
 * DRAGAN (Kodali et al. 2017): λ · E (‖∇D(x + δ)‖ − 1)² around real points, δ = 0.5 · std(x) · u
 * with u ~ U[0, 1] per value and std the standard deviation of the real batch.
 */
public final class DraganPenalty extends GradientPenalty {
    public DraganPenalty(double lambda) {
        super(lambda);
    }

    @Override
    protected NDArray points(PenaltyInputs in) {
        NDArray real = in.real();
        float[] u = new float[Math.toIntExact(real.size())];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) in.rng().uniform();
        }
        float std = (float) Math.sqrt(real.sub(real.mean()).square().mean().getFloat());
        return real.add(real.getManager().create(u, real.getShape()).mul(0.5f * std));
    }

    @Override
    protected NDArray penalty(NDArray squaredNorms) {
        return unitNormPenalty(squaredNorms);
    }
}
