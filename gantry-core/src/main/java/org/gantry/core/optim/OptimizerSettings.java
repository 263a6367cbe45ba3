package org.gantry.core.optim;

import java.util.List;
import org.gantry.config.Config;
import org.gantry.config.Registry;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;

/**
 * One network's optimizer settings; the generator's keys start with {@code g.}, the
 * discriminator's with {@code d.}, so each player has its own optimizer and learning rate (TTUR).
 * A network a game adds (a second discriminator, a Q head) has its own prefix, and each of its
 * keys left unset takes the value of the network it is modelled on ({@code d2.lr} follows
 * {@code d.lr}).
 */
public final class OptimizerSettings {
    public static final OptimizerSettings GENERATOR = new OptimizerSettings("g", "generator", null);
    public static final OptimizerSettings DISCRIMINATOR = new OptimizerSettings("d", "discriminator", null);

    private final String prefix;
    private final OptimizerSettings parent;
    public final Registry<StatefulOptimizer> registry;
    public final Setting<String> name;
    public final Setting<Double> lr;
    public final Setting<Double> beta1;
    public final Setting<Double> beta2;
    public final Setting<Double> rho;
    public final Setting<Double> momentum;
    public final Setting<Double> eps;
    public final Setting<Double> friction;
    public final Setting<Double> priorStd;
    public final Setting<Double> posteriorScale;

    /** Settings under {@code prefix} whose unset keys follow {@code parent}'s. */
    public static OptimizerSettings inheriting(String prefix, String who, OptimizerSettings parent) {
        return new OptimizerSettings(prefix, who, parent);
    }

    private OptimizerSettings(String prefix, String who, OptimizerSettings parent) {
        this.prefix = prefix;
        this.parent = parent;
        lr = real(prefix + ".lr", ValueType.real(0, 10), 1e-4, "Learning rate of the " + who + ".", parent);
        beta1 = real(prefix + ".beta1", ValueType.real(0, 0.999999), 0.8,
                "Adam beta1 of the " + who + " (PacGAN: 0.8).", parent);
        beta2 = real(prefix + ".beta2", ValueType.real(0, 0.999999), 0.999, "Adam beta2 of the " + who + ".", parent);
        rho = real(prefix + ".rho", ValueType.real(0, 0.999999), 0.99,
                "RMSProp squared-gradient decay of the " + who + ".", parent);
        momentum = real(prefix + ".momentum", ValueType.real(0, 0.999999), 0.0,
                "Momentum of the " + who + " for sgd and rmsprop.", parent);
        eps = real(prefix + ".eps", ValueType.real(0, 1), 1e-8, "Denominator epsilon of the " + who
                + " for adam, fused-adam, djl-adam and rmsprop.", parent);
        friction = real(prefix + ".friction", ValueType.real(1e-6, 1), 0.01, "SGHMC friction alpha of the " + who
                + " (Saatci & Wilson 2017: 0.01).", parent);
        priorStd = real(prefix + ".prior_std", ValueType.real(1e-6, 1e6), 1.0, "SGHMC: standard deviation of the "
                + "Gaussian prior on each parameter of the " + who + " (Saatci & Wilson 2017: 1).", parent);
        posteriorScale = real(prefix + ".posterior_scale", ValueType.real(0, 1e9), 1.0, "SGHMC: weight S of the "
                + who + "'s objective (a batch mean) in the potential S*L + |theta|^2/(2 sigma^2), i.e. how many "
                + "examples the mean stands for (the batch for a minibatch posterior).", parent);
        registry = new Registry<StatefulOptimizer>(who + " optimizer")
                // The fused kernel is the default: the same update as DJL's per-parameter kernel, which
                // runs about nine operators with temporaries per parameter and cost the PacGAN ring's
                // step 1.5 ms of its 13.8 on a Zen 5 (docs/RESULTS.md, issue 19, fourteenth session).
                .register("adam", "Adam (Kingma & Ba 2015) with PyTorch's update, computed by libtorch's fused kernel "
                        + "over all of a network's parameters at once (PyTorch's Adam(fused=True))",
                        c -> new FusedAdamOptimizer(get(c, lr), get(c, beta1), get(c, beta2), get(c, eps)), lr, beta1,
                        beta2, eps)
                .register("fused-adam", "the same as adam (its name before adam took the fused kernel)",
                        c -> new FusedAdamOptimizer(get(c, lr), get(c, beta1), get(c, beta2), get(c, eps)), lr, beta1,
                        beta2, eps)
                .register("djl-adam", "the same update by DJL's native kernel, one parameter at a time: slower, "
                        + "rounded as adam was before it took the fused kernel, for continuing such a run bit for bit; "
                        + "the same optimizer state", c -> new AdamOptimizer(get(c, lr), get(c, beta1), get(c, beta2),
                                get(c, eps)), lr, beta1, beta2, eps)
                .register("rmsprop", "RMSProp (Tieleman & Hinton 2012)",
                        c -> new RmsPropOptimizer(get(c, lr), get(c, rho), get(c, eps), get(c, momentum)), lr, rho, eps,
                        momentum)
                .register("sgd", "stochastic gradient descent with momentum",
                        c -> new SgdOptimizer(get(c, lr), get(c, momentum)), lr, momentum)
                .register("sghmc", "stochastic-gradient Hamiltonian Monte Carlo: samples the parameters' posterior "
                        + "under a Gaussian prior (Chen et al. 2014; the Bayesian GAN's sampler)",
                        c -> new SghmcOptimizer(get(c, lr), get(c, friction), get(c, priorStd), get(c, posteriorScale),
                                c.get(org.gantry.config.GlobalSettings.SEED), "sghmc-" + prefix),
                        lr, friction, priorStd, posteriorScale);
        name = Setting.of(prefix + ".optimizer", ValueType.choice(registry::names), parent == null ? "adam" : null,
                "Optimizer of the " + who + "." + follows(parent, ".optimizer"));
    }

    private static Setting<Double> real(String key, ValueType<Double> type, double fallback, String description,
            OptimizerSettings parent) {
        if (parent == null) {
            return Setting.of(key, type, fallback, description);
        }
        return Setting.of(key, type, null, description + follows(parent, key.substring(key.indexOf('.'))));
    }

    private static String follows(OptimizerSettings parent, String ownKey) {
        return parent == null ? "" : " Unset: as " + parent.prefix + ownKey + ".";
    }

    /** The value of {@code s}, or of the same key of the parent network when it is unset. */
    @SuppressWarnings("unchecked")
    private <T> T get(Config c, Setting<T> s) {
        T own = c.get(s);
        if (own != null || parent == null) {
            return own;
        }
        // A child's settings and its parent's are built in the same order.
        return parent.get(c, (Setting<T>) parent.all().get(all().indexOf(s)));
    }

    public List<Setting<?>> all() {
        return List.of(name, lr, beta1, beta2, rho, momentum, eps, friction, priorStd, posteriorScale);
    }

    public StatefulOptimizer create(Config c) {
        return registry.create(get(c, name), c);
    }
}
