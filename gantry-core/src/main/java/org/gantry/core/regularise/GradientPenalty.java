package org.gantry.core.regularise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.core.engine.TorchEngine;

/**
 * A penalty on the discriminator's input gradient at chosen points x: it evaluates D there, takes
 * ∇ₓD(x) by double back-propagation and turns the per-sample squared norms into a scalar that the
 * discriminator's loss adds. Subclasses choose the points and the function of the norms.
 */
public abstract class GradientPenalty implements Regulariser {
    public static final Setting<Double> WEIGHT = Setting.of("regulariser.weight", ValueType.real(0, 1e6), 10.0,
            "Weight of a gradient penalty: gamma of r1 and r2 (gamma/2 E|grad D|^2), lambda of wgan_gp and dragan "
                    + "(lambda E(|grad D| - 1)^2).");

    protected final double weight;

    protected GradientPenalty(double weight) {
        this.weight = weight;
    }

    /** The points at which the gradient is taken, a fresh array of the batch's shape. */
    protected abstract NDArray points(PenaltyInputs in);

    /** The penalty from the per-sample squared gradient norms (shape [batch]). */
    protected abstract NDArray penalty(NDArray squaredNorms);

    @Override
    public NDArray discriminatorPenalty(PenaltyInputs in) {
        NDArray x = points(in);
        x.setRequiresGradient(true);
        NDArray gradient = TorchEngine.inputGradient(in.critic().apply(x), x, in.parameters());
        NDArray squared = gradient.square().reshape(gradient.getShape().get(0), -1).sum(new int[] {1});
        return penalty(squared);
    }

    /** λ·mean((‖g‖ − 1)²); the small constant keeps the norm's gradient finite at g = 0. */
    protected NDArray unitNormPenalty(NDArray squaredNorms) {
        return squaredNorms.add(1e-12f).sqrt().sub(1f).square().mean().mul((float) weight);
    }

    /** Per-sample values broadcast over the example axes of {@code like}: shape [batch, 1, 1, ...]. */
    protected static Shape perSample(NDArray like) {
        long[] s = new long[like.getShape().dimension()];
        java.util.Arrays.fill(s, 1);
        s[0] = like.getShape().get(0);
        return new Shape(s);
    }
}
