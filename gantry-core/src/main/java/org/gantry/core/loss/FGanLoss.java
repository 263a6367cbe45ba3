package org.gantry.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * f-GAN (Nowozin et al. 2016): the discriminator maximises the variational lower bound
 * E_P g_f(v(x)) − E_Q f*(g_f(v(G(z)))) of the f-divergence D_f(P‖Q), so its loss is the bound's
 * negative, real and generated halves apart. The generator either takes the saddle point's other
 * side, minimising −E_Q f*(g_f(v)), or (non-saturating, the paper's recommended form) maximises
 * E_Q g_f(v), which keeps its gradient alive when the critic rejects its samples.
 */
public final class FGanLoss implements AdversarialLoss {
    private final FDivergence divergence;
    private final boolean saddle;

    /** @param saddle true for the saddle-point generator loss, false for the non-saturating one */
    public FGanLoss(FDivergence divergence, boolean saddle) {
        this.divergence = divergence;
        this.saddle = saddle;
    }

    @Override
    public NDArray realTerm(NDArray real) {
        return divergence.activation(real).mean().neg();
    }

    @Override
    public NDArray fakeTerm(NDArray fake) {
        return divergence.conjugateOfActivation(fake).mean();
    }

    @Override
    public NDArray generatorLoss(NDArray fake) {
        return saddle ? fakeTerm(fake).neg() : divergence.activation(fake).mean().neg();
    }
}
