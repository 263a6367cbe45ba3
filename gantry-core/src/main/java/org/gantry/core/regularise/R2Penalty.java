package org.gantry.core.regularise;

import ai.djl.ndarray.NDArray;

/** R2 (Mescheder, Geiger, Nowozin 2018): γ/2 · E_fake ‖∇ₓD(x)‖², the gradient at generated samples. */
public final class R2Penalty extends GradientPenalty {
    public R2Penalty(double gamma) {
        super(gamma, Target.ZERO);
    }

    @Override
    protected NDArray points(PenaltyInputs in) {
        return in.fake().duplicate();
    }
}
