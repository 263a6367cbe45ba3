package org.gantry.core.loss;

import java.util.List;
import org.gantry.config.Registry;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;

/** Adversarial objectives by configuration name (key {@code loss.name}). */
public final class Losses {
    private Losses() {}

    public static final Setting<Double> REAL_LABEL = Setting.of("loss.real_label", ValueType.real(0.5, 1.0), 1.0,
            "ns, minimax and bgan: the discriminator's target for real samples; below 1 is one-sided label smoothing "
                    + "(Salimans et al. 2016 use 0.9).");

    public static final Setting<String> DIVERGENCE = Setting.of("loss.divergence",
            ValueType.choice(FDivergence::keys), "js",
            "fgan: the f-divergence the critic bounds from below (Nowozin et al. 2016, table 2), each with its own "
                    + "output activation: kl, reverse_kl, pearson, neyman, squared_hellinger, js, gan, total_variation.");
    public static final Setting<String> FGAN_GENERATOR = Setting.of("loss.fgan_generator",
            ValueType.choice(() -> List.of("non_saturating", "saddle")), "non_saturating",
            "fgan: the generator maximises E g_f(v(G(z))) (non_saturating) or minimises the bound itself, "
                    + "-E f*(g_f(v(G(z)))) (saddle).");

    public static final Registry<AdversarialLoss> REGISTRY = new Registry<AdversarialLoss>("loss")
            .register("ns", "non-saturating GAN (Goodfellow et al. 2014)", c -> new NonSaturatingLoss(c.get(REAL_LABEL)), REAL_LABEL)
            .register("minimax", "original minimax GAN (Goodfellow et al. 2014)", c -> new MinimaxLoss(c.get(REAL_LABEL)), REAL_LABEL)
            .register("wgan", "Wasserstein GAN (Arjovsky et al. 2017); pair with a Lipschitz constraint",
                    c -> new WassersteinLoss())
            .register("hinge", "hinge loss (Lim & Ye 2017)", c -> new HingeLoss())
            .register("lsgan", "least squares GAN (Mao et al. 2017)", c -> new LeastSquaresLoss())
            .register("bgan", "boundary-seeking GAN, continuous form (Hjelm et al. 2018): G minimises 1/2 E D(G(z))^2 "
                    + "over the logit", c -> new BoundarySeekingLoss(c.get(REAL_LABEL)), REAL_LABEL)
            .register("fgan", "f-GAN: the variational bound of an f-divergence (Nowozin et al. 2016)",
                    c -> new FGanLoss(FDivergence.of(c.get(DIVERGENCE)), c.get(FGAN_GENERATOR).equals("saddle")),
                    DIVERGENCE, FGAN_GENERATOR);

    public static final Setting<String> NAME = Setting.of("loss.name", ValueType.choice(REGISTRY::names), "ns",
            "Adversarial objective.");
}
