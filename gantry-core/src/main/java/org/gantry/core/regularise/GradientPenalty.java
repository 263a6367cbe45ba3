package org.gantry.core.regularise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.core.engine.Scalars;
import org.gantry.core.engine.TorchEngine;
import org.gantry.random.Rng;

/**
 * A penalty on the discriminator's input gradient at chosen points x: it evaluates D there, takes
 * ∇ₓD(x) by double back-propagation and turns the per-sample squared norms into a scalar that the
 * discriminator's loss adds. Subclasses choose the points; the target says what the norms are
 * pushed towards.
 */
public abstract class GradientPenalty implements Regulariser {
    public static final Setting<Double> WEIGHT = Setting.of("regulariser.weight", ValueType.real(0, 1e6), 10.0,
            "Weight of a gradient penalty: gamma of r1 and r2 (gamma/2 E|grad D|^2), lambda of wgan_gp and dragan "
                    + "(lambda E(|grad D| - 1)^2).");

    /** What the penalty pushes the gradient norms towards. */
    protected enum Target {
        /** γ/2 · mean ‖g‖²: towards zero (R1, R2). */
        ZERO,
        /** λ · mean (‖g‖ − 1)²: towards one (WGAN-GP, DRAGAN); a tiny constant keeps the norm's gradient finite at 0. */
        UNIT
    }

    private final double weight;
    private final Target target;

    protected GradientPenalty(double weight, Target target) {
        this.weight = weight;
        this.target = target;
    }

    /** The points at which the gradient is taken, a fresh array of the batch's shape. */
    protected abstract NDArray points(PenaltyInputs in);

    @Override
    public boolean penalisesGradients() {
        return true;
    }

    @Override
    public NDArray discriminatorPenalty(PenaltyInputs in) {
        NDArray x = points(in);
        x.setRequiresGradient(true);
        NDArray gradient = TorchEngine.inputGradient(in.critic().apply(x), x);
        NDArray squared = gradient.square().reshape(gradient.getShape().get(0), -1).sum(new int[] {1});
        return switch (target) {
            case ZERO -> Scalars.times(squared.mean(), weight / 2);
            case UNIT -> Scalars.times(squared.add(1e-12f).sqrt().sub(1f).square().mean(), weight);
        };
    }

    /** {@code n} draws of U[0, 1) from the trainer's stream. */
    protected static float[] uniform(Rng rng, long n) {
        float[] u = new float[Math.toIntExact(n)];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) rng.uniform();
        }
        return u;
    }

    /** Per-sample values broadcast over the example axes of {@code like}: shape [batch, 1, 1, ...]. */
    protected static Shape perSample(NDArray like) {
        long[] s = new long[like.getShape().dimension()];
        java.util.Arrays.fill(s, 1);
        s[0] = like.getShape().get(0);
        return new Shape(s);
    }
}
