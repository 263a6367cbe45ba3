package org.gantry.core.optim;

import java.util.List;
import org.gantry.config.Config;
import org.gantry.config.Registry;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;

/**
 * One network's optimizer settings; the generator's keys start with {@code g.}, the
 * discriminator's with {@code d.}, so each player has its own optimizer and learning rate (TTUR).
 */
public final class OptimizerSettings {
    public static final OptimizerSettings GENERATOR = new OptimizerSettings("g", "generator");
    public static final OptimizerSettings DISCRIMINATOR = new OptimizerSettings("d", "discriminator");

    public final Registry<StatefulOptimizer> registry;
    public final Setting<String> name;
    public final Setting<Double> lr;
    public final Setting<Double> beta1;
    public final Setting<Double> beta2;
    public final Setting<Double> rho;
    public final Setting<Double> momentum;
    public final Setting<Double> eps;

    private OptimizerSettings(String prefix, String who) {
        lr = Setting.of(prefix + ".lr", ValueType.real(0, 10), 1e-4, "Learning rate of the " + who + ".");
        beta1 = Setting.of(prefix + ".beta1", ValueType.real(0, 0.999999), 0.8,
                "Adam beta1 of the " + who + " (PacGAN: 0.8).");
        beta2 = Setting.of(prefix + ".beta2", ValueType.real(0, 0.999999), 0.999, "Adam beta2 of the " + who + ".");
        rho = Setting.of(prefix + ".rho", ValueType.real(0, 0.999999), 0.99,
                "RMSProp squared-gradient decay of the " + who + ".");
        momentum = Setting.of(prefix + ".momentum", ValueType.real(0, 0.999999), 0.0,
                "Momentum of the " + who + " for sgd and rmsprop.");
        eps = Setting.of(prefix + ".eps", ValueType.real(0, 1), 1e-8, "Denominator epsilon of the " + who
                + " for adam and rmsprop.");
        registry = new Registry<StatefulOptimizer>(who + " optimizer")
                .register("adam", "Adam (Kingma & Ba 2015)",
                        c -> new AdamOptimizer(c.get(lr), c.get(beta1), c.get(beta2), c.get(eps)), lr, beta1, beta2, eps)
                .register("rmsprop", "RMSProp (Tieleman & Hinton 2012)",
                        c -> new RmsPropOptimizer(c.get(lr), c.get(rho), c.get(eps), c.get(momentum)), lr, rho, eps,
                        momentum)
                .register("sgd", "stochastic gradient descent with momentum",
                        c -> new SgdOptimizer(c.get(lr), c.get(momentum)), lr, momentum);
        name = Setting.of(prefix + ".optimizer", ValueType.choice(registry::names), "adam",
                "Optimizer of the " + who + ".");
    }

    public List<Setting<?>> all() {
        return List.of(name, lr, beta1, beta2, rho, momentum, eps);
    }

    public StatefulOptimizer create(Config c) {
        return registry.create(c.get(name), c);
    }
}
