package org.gantry.core.loss;

import org.gantry.config.Registry;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;

/** Adversarial objectives by configuration name (key {@code loss.name}). */
public final class Losses {
    private Losses() {}

    public static final Registry<AdversarialLoss> REGISTRY = new Registry<AdversarialLoss>("loss")
            .register("ns", "non-saturating GAN (Goodfellow et al. 2014)", c -> new NonSaturatingLoss())
            .register("minimax", "original minimax GAN (Goodfellow et al. 2014)", c -> new MinimaxLoss())
            .register("wgan", "Wasserstein GAN (Arjovsky et al. 2017); pair with a Lipschitz constraint",
                    c -> new WassersteinLoss())
            .register("hinge", "hinge loss (Lim & Ye 2017)", c -> new HingeLoss())
            .register("lsgan", "least squares GAN (Mao et al. 2017)", c -> new LeastSquaresLoss());

    public static final Setting<String> NAME = Setting.of("loss.name", ValueType.choice(REGISTRY::names), "ns",
            "Adversarial objective.");
}
