package org.gantry.core.regularise;

import ai.djl.ndarray.NDArray;

/** R1 (Mescheder, Geiger, Nowozin 2018): γ/2 · E_real ‖∇ₓD(x)‖², the gradient at real samples. */
public final class R1Penalty extends GradientPenalty {
    public R1Penalty(double gamma) {
        super(gamma, Target.ZERO);
    }

    @Override
    protected NDArray points(PenaltyInputs in) {
        return in.real().duplicate();
    }
}
