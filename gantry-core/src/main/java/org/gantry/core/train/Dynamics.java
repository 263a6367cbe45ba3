package org.gantry.core.train;

import java.util.List;
import java.util.Locale;
import org.gantry.config.Registry;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;

/** Training dynamics by configuration name (key {@code dynamics.name}), with their settings. */
public final class Dynamics {
    private Dynamics() {}

    public static final Setting<Double> ETA = Setting.of("dynamics.eta", ValueType.real(0, 1e6), 0.5,
            "gradient_regularised: weight eta of |grad_psi V|^2 in the generator's loss (Nagarajan & Kolter: 0.5).");
    public static final Setting<Double> GAMMA = Setting.of("dynamics.gamma", ValueType.real(0, 1e6), 10.0,
            "consensus: weight gamma of grad(1/2 |v|^2) added to both players' gradients (Mescheder et al.: 10).");
    public static final Setting<String> SOLVER = Setting.of("dynamics.solver",
            ValueType.choice(() -> List.of("euler", "heun", "rk4")), "rk4",
            "ode: explicit Runge-Kutta method integrating the joint gradient field (heun is RK2).");
    public static final Setting<Double> STEP_SIZE = Setting.of("dynamics.step_size", ValueType.real(1e-9, 100), 0.04,
            "ode: integration step h (Qin et al.: 0.04); the parameters move by h times the field, no optimizer.");
    public static final Setting<Integer> WARMUP_STEPS = Setting.of("dynamics.warmup_steps",
            ValueType.integer(0, Integer.MAX_VALUE), 1000, "ode: steps integrated with dynamics.warmup_step_size first.");
    public static final Setting<Double> WARMUP_STEP_SIZE = Setting.of("dynamics.warmup_step_size",
            ValueType.real(1e-9, 100), 0.01, "ode: integration step during the warm-up (Qin et al.: 0.01).");
    public static final Setting<Double> LAMBDA = Setting.of("dynamics.lambda", ValueType.real(0, 1e6), 0.02,
            "ode: weight lambda of grad_psi |grad_theta L_G|^2 added to the discriminator's field at the first "
                    + "stage (Qin et al.: 0.02); 0 turns it off.");
    public static final Setting<Integer> LAYERS = Setting.of("dynamics.layers", ValueType.integer(1, 1000), 3,
            "functional_gradient: gradient layers x <- x + eta grad_x D(x) applied to generated samples.");
    public static final Setting<Double> LAYER_STEP = Setting.of("dynamics.layer_step", ValueType.real(1e-9, 1e6), 0.01,
            "functional_gradient: step eta of each gradient layer.");
    public static final Setting<Integer> DISTIL_EVERY = Setting.of("dynamics.distil_every",
            ValueType.integer(1, Integer.MAX_VALUE), 1,
            "functional_gradient: distil the layers into the generator every this many steps.");
    public static final Setting<Integer> DISTIL_STEPS = Setting.of("dynamics.distil_steps", ValueType.integer(1, 10000), 1,
            "functional_gradient: generator optimizer steps regressing G(z) on the moved samples per distillation.");

    public static final Registry<TrainingDynamics> REGISTRY = new Registry<TrainingDynamics>("training dynamics")
            .register("alternating", "train.d_steps discriminator steps, then one generator step, each through "
                    + "its optimizer", c -> new AlternatingUpdates())
            .register("gradient_regularised", "generator descends L_G + eta |grad_psi V|^2 (Nagarajan & Kolter 2017)",
                    c -> new GradientRegularisedUpdates(c.get(ETA)), ETA)
            .register("consensus", "both players at once along v + gamma grad(1/2 |v|^2), through their optimizers "
                    + "(Mescheder et al. 2017; the paper uses rmsprop)", c -> new ConsensusUpdates(c.get(GAMMA)), GAMMA)
            .register("ode", "joint gradient field integrated with Euler, Heun or RK4, plain gradients, "
                    + "discriminator-side gradient regulariser (Qin et al. 2020)",
                    c -> new OdeUpdates(ButcherTableau.valueOf(c.get(SOLVER).toUpperCase(Locale.ROOT)),
                            c.get(STEP_SIZE), c.get(WARMUP_STEPS), c.get(WARMUP_STEP_SIZE), c.get(LAMBDA)),
                    SOLVER, STEP_SIZE, WARMUP_STEPS, WARMUP_STEP_SIZE, LAMBDA)
            .register("functional_gradient", "generated samples moved along D's input gradient by stacked layers, "
                    + "distilled into the generator (Nitanda & Suzuki 2018)",
                    c -> new FunctionalGradientUpdates(c.get(LAYERS), c.get(LAYER_STEP), c.get(DISTIL_EVERY),
                            c.get(DISTIL_STEPS)), LAYERS, LAYER_STEP, DISTIL_EVERY, DISTIL_STEPS);

    public static final Setting<String> NAME = Setting.of("dynamics.name", ValueType.choice(REGISTRY::names), "alternating",
            "How a training step updates the two players.");
    public static final Setting<String> GENERATOR_OBJECTIVE = Setting.of("loss.generator_objective",
            ValueType.choice(() -> List.of("adversarial", "feature_matching")), "adversarial",
            "The generator's objective: the loss's own generator loss, or feature matching (Salimans et al. 2016): "
                    + "|E f(x) - E f(G(z))|^2 over the discriminator's last hidden features.");
    public static final Setting<Double> HISTORICAL_AVERAGING = Setting.of("train.historical_averaging",
            ValueType.real(0, 1e6), 0.0, "Weight of historical averaging (Salimans et al. 2016): each player's loss "
                    + "gets weight * |theta - mean of its past values|^2; 0 turns it off.");
}
