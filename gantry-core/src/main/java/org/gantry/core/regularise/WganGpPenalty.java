package org.gantry.core.regularise;

import ai.djl.ndarray.NDArray;

/**
 * WGAN-GP (Gulrajani et al. 2017): λ · E (‖∇D(x̂)‖ − 1)² at x̂ = εx + (1 − ε)G(z), one ε ~ U[0, 1]
 * per sample pair.
 */
public final class WganGpPenalty extends GradientPenalty {
    public WganGpPenalty(double lambda) {
        super(lambda);
    }

    @Override
    protected NDArray points(PenaltyInputs in) {
        NDArray real = in.real();
        float[] eps = new float[Math.toIntExact(real.getShape().get(0))];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = (float) in.rng().uniform();
        }
        NDArray e = real.getManager().create(eps, perSample(real));
        return real.mul(e).add(in.fake().mul(e.neg().add(1f)));
    }

    @Override
    protected NDArray penalty(NDArray squaredNorms) {
        return unitNormPenalty(squaredNorms);
    }
}
