package org.gantry.core.regularise;

import ai.djl.ndarray.NDArray;

/**
 * WGAN-GP (Gulrajani et al. 2017): λ · E (‖∇D(x̂)‖ − 1)² at x̂ = εx + (1 − ε)G(z), one ε ~ U[0, 1]
 * per sample pair.
 */
public final class WganGpPenalty extends GradientPenalty {
    public WganGpPenalty(double lambda) {
        super(lambda, Target.UNIT);
    }

    @Override
    protected NDArray points(PenaltyInputs in) {
        NDArray real = in.real();
        NDArray e = real.getManager().create(uniform(in.rng(), real.getShape().get(0)), perSample(real));
        return real.mul(e).add(in.fake().mul(e.neg().add(1f)));
    }
}
