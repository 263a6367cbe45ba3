package org.gantry.core.game;

import java.util.List;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.config.Registry;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.core.loss.Losses;
import org.gantry.core.loss.NonSaturatingLoss;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.ModelSpec;
import org.gantry.core.nn.Architectures;
import org.gantry.core.nn.Normalisation;
import org.gantry.data.Dataset;

/** Games by configuration name (key {@code game.name}), with their settings. */
public final class Games {
    private Games() {}

    public static final Setting<Double> ALPHA = Setting.of("game.alpha", ValueType.real(0, 1e6), 1.0,
            "d2gan: weight alpha of the first discriminator's log term, the forward KL(P||Q) side (Nguyen et al. "
                    + "2017: 1 on 2D toys, 0.2 on images).");
    public static final Setting<Double> BETA = Setting.of("game.beta", ValueType.real(0, 1e6), 1.0,
            "d2gan: weight beta of the second discriminator's log term, the reverse KL(Q||P) side (Nguyen et al. "
                    + "2017: 1 on 2D toys, 0.1 on images).");

    public static final Setting<List<Integer>> CATEGORICAL_CODES = Setting.of("game.categorical_codes",
            ValueType.intList(2), List.of(10), "infogan: the classes of each categorical latent code, one-hot after "
                    + "the noise (Chen et al. 2016, MNIST: one 10-way code); empty for none.");
    public static final Setting<Integer> CONTINUOUS_CODES = Setting.of("game.continuous_codes",
            ValueType.integer(0, 1024), 2, "infogan: continuous latent codes, uniform on [-1, 1], after the "
                    + "categorical ones (MNIST: 2).");
    public static final Setting<Double> INFO_WEIGHT = Setting.of("game.info_weight", ValueType.real(0, 1e6), 1.0,
            "infogan: weight lambda of the categorical codes' negative log-likelihood under Q in both sides' "
                    + "objectives (Chen et al.: 1).");
    public static final Setting<Double> CONTINUOUS_INFO_WEIGHT = Setting.of("game.continuous_info_weight",
            ValueType.real(0, 1e6), 0.1, "infogan: weight lambda of the continuous codes' unit-variance Gaussian "
                    + "negative log-likelihood under Q (METHODS.md: 0.1).");
    public static final Setting<List<Integer>> Q_WIDTHS = Setting.of("q.widths", ValueType.intList(1), List.of(128),
            "infogan: hidden widths of the Q head on the discriminator's last hidden features (dense, batch norm, "
                    + "LeakyReLU 0.2 each; Chen et al.: 128).");

    public static final Setting<Integer> LABELS = Setting.of("game.labels", ValueType.integer(1, 10_000_000), 100,
            "ssgan: training examples whose labels the discriminator learns, spread evenly over the classes (Salimans "
                    + "et al. 2016, MNIST: 100); the rest count as unlabelled.");
    public static final Setting<Double> CLASS_WEIGHT = Setting.of("game.class_weight", ValueType.real(0, 1e6), 1.0,
            "ssgan: weight of the labelled examples' cross-entropy in the discriminator's objective (the paper: 1).");

    public static final Setting<Integer> SAMPLES_PER_LATENT = Setting.of("game.samples_per_latent",
            ValueType.integer(1, 1000), 20, "bgan_discrete: examples M drawn per latent vector for the generator's "
                    + "importance-weighted policy gradient (Hjelm et al. 2018: 20).");

    public static final Setting<Double> DUAL_REGULARISER = Setting.of("game.dual_regulariser", ValueType.real(1e-8, 1e6),
            0.1, "dualing: weight lambda of the linear discriminator's L2 regulariser (lambda/2)|w|^2 beside its mean "
                    + "logistic loss, which keeps the exact critic finite when real and generated examples separate; "
                    + "for a non-linear d, the trust region's multiplier: each round's step Delta pays (lambda/2)|Delta|^2, "
                    + "so a larger lambda is a smaller region.");

    public static final Setting<Double> KL_WEIGHT = Setting.of("game.kl_weight", ValueType.real(0, 1e6), 1.0,
            "vae: weight beta of the codes' KL divergence from the prior beside the squared reconstruction error "
                    + "(1: the evidence lower bound of a Gaussian decoder of variance 1/2).");
    public static final Setting<Double> LATENT_WEIGHT = Setting.of("game.latent_weight", ValueType.real(0, 1e6), 10.0,
            "wae_mmd, wae_gan: weight lambda of the divergence between the codes and the prior (MMD, or the "
                    + "latent discriminator's generator loss) beside the squared reconstruction error "
                    + "(Tolstikhin et al. 2018, MNIST: 10).");

    public static final Setting<Integer> COMPONENTS = Setting.of("game.components", ValueType.integer(2, 1000), 10,
            "mixture: independent generators K, each with its own assignment critic and adversary (Locatello et al. "
                    + "2018); train.batch must give each at least 2 generated rows.");
    public static final Setting<Integer> MIXTURE_WARMUP = Setting.of("game.warmup_steps", ValueType.integer(0,
            Integer.MAX_VALUE), 1000, "mixture: first steps in which the real points go to the members at random "
                    + "instead of competitively, so that every member first learns the whole data (the paper's "
                    + "uniform pre-training).");

    public static final Setting<Integer> GENERATOR_SAMPLES = Setting.of("game.generator_samples",
            ValueType.integer(1, 1000), 10, "bayesian: samples J_g of the generator's parameters, each a chain of "
                    + "g.optimizer (sghmc for the posterior); samples come from all of them alike (Saatci & Wilson "
                    + "2017: 10).");
    public static final Setting<Integer> CRITIC_SAMPLES = Setting.of("game.critic_samples", ValueType.integer(1, 1000),
            1, "bayesian: samples J_d of the discriminator's parameters, each a chain of d.optimizer; each generator "
                    + "sample's potential averages over them (Saatci & Wilson 2017: 1).");

    public static final Registry<Game> REGISTRY = new Registry<Game>("game")
            .register("standard", "one generator against one discriminator on loss.name",
                    c -> new StandardGame(Losses.REGISTRY.create(c.get(Losses.NAME), c)))
            .register("d2gan", "two discriminators, one for each direction of KL (Nguyen et al. 2017); its own "
                    + "objectives replace loss.name", c -> new DualDiscriminatorGame(c.get(ALPHA), c.get(BETA)),
                    concat(List.of(ALPHA, BETA), DualDiscriminatorGame.D2_OPTIMIZER.all()))
            .register("infogan", "latent codes predicted back by a Q head on the discriminator's features, "
                    + "mutual information bound added to both sides' loss.name objectives (Chen et al. 2016)",
                    c -> {
                        InfoGanGame.check(c);
                        return new InfoGanGame(new StandardGame(Losses.REGISTRY.create(c.get(Losses.NAME), c)),
                                c.get(CATEGORICAL_CODES), c.get(CONTINUOUS_CODES), c.get(INFO_WEIGHT),
                                c.get(CONTINUOUS_INFO_WEIGHT), c.get(Q_WIDTHS), c.get(Architectures.Z_DIM));
                    }, concat(List.of(CATEGORICAL_CODES, CONTINUOUS_CODES, INFO_WEIGHT, CONTINUOUS_INFO_WEIGHT, Q_WIDTHS),
                            InfoGanGame.Q_OPTIMIZER.all()))
            .register("ssgan", "semi-supervised GAN: a K-class discriminator whose extra class is 'generated', "
                    + "trained on game.labels labelled examples and all unlabelled ones (Salimans et al. 2016)",
                    c -> {
                        SemiSupervisedGame.check(c);
                        return new SemiSupervisedGame(Losses.REGISTRY.create(c.get(Losses.NAME), c), c.get(LABELS),
                                c.get(CLASS_WEIGHT));
                    }, LABELS, CLASS_WEIGHT)
            .register("bgan_discrete", "boundary-seeking GAN for discrete data: Bernoulli pixels drawn from the "
                    + "generator, which learns by importance-weighted policy gradient; its own objectives replace "
                    + "loss.name (Hjelm et al. 2018)", c -> {
                        DiscreteBoundarySeekingGame.check(c);
                        return new DiscreteBoundarySeekingGame(new NonSaturatingLoss(1.0), c.get(SAMPLES_PER_LATENT));
                    }, SAMPLES_PER_LATENT)
            .register("dualing", "dualing GAN: with d.arch=linear the critic's convex problem is solved exactly each "
                    + "round (its dual has the same optimum); any other d takes the step that solves the dual of a "
                    + "trust-region subproblem around its parameters; the generator descends the critic's value (Li "
                    + "et al. 2017)", c -> {
                        DualingGame.check(c);
                        return new DualingGame(c.get(DUAL_REGULARISER), DualingGame.linear(c));
                    }, DUAL_REGULARISER)
            .register("mixture", "competitive mixture of game.components independent generators: each real point goes "
                    + "to the member whose assignment critic (all data against that member) finds it least surely real, "
                    + "and each member plays loss.name against its adversary on its own points (Locatello et al. 2018)",
                    c -> {
                        CompetitiveMixtureGame.check(c);
                        return new CompetitiveMixtureGame(Losses.REGISTRY.create(c.get(Losses.NAME), c),
                                c.get(COMPONENTS), c.get(MIXTURE_WARMUP), c.get(Architectures.Z_DIM));
                    }, concat(List.of(COMPONENTS, MIXTURE_WARMUP), CompetitiveMixtureGame.ADVERSARY_OPTIMIZER.all()))
            .register("bayesian", "Bayesian GAN: game.generator_samples generator and game.critic_samples "
                    + "discriminator parameter samples side by side, each moved on its conditional posterior by its "
                    + "network's optimizer (g.optimizer=sghmc, d.optimizer=sghmc); loss.name gives the likelihoods "
                    + "(Saatci & Wilson 2017)", c -> {
                        BayesianGame.check(c);
                        return new BayesianGame(Losses.REGISTRY.create(c.get(Losses.NAME), c),
                                c.get(GENERATOR_SAMPLES), c.get(CRITIC_SAMPLES), c.get(Architectures.Z_DIM));
                    }, GENERATOR_SAMPLES, CRITIC_SAMPLES)
            .register("vae", "variational auto-encoder: an encoder e (mirroring g) gives each example a Gaussian code, "
                    + "g decodes it; squared reconstruction error plus KL to the prior; a critic only for game.adversarial_weight (Kingma & Welling 2014)",
                    c -> {
                        VariationalAutoEncoderGame.check(c);
                        return new VariationalAutoEncoderGame(c.get(KL_WEIGHT), c.get(Architectures.Z_DIM),
                                ReconstructionCost.of(c));
                    }, autoEncoderSettings(KL_WEIGHT))
            .register("wae_mmd", "Wasserstein auto-encoder: squared reconstruction error plus the inverse "
                    + "multiquadratic MMD between the codes and the prior; a critic only for game.adversarial_weight (Tolstikhin et al. 2018)",
                    c -> MmdAutoEncoderGame.of(c, c.get(LATENT_WEIGHT)), autoEncoderSettings(LATENT_WEIGHT))
            .register("wae_gan", "Wasserstein auto-encoder with a latent discriminator: d (d.arch on g.z_dim values) "
                    + "tells prior draws from codes on loss.name, the encoder fools it (Tolstikhin et al. 2018)",
                    c -> {
                        AdversarialAutoEncoderGame.check(c);
                        return new AdversarialAutoEncoderGame(Losses.REGISTRY.create(c.get(Losses.NAME), c),
                                c.get(LATENT_WEIGHT), ReconstructionCost.of(c));
                    }, autoEncoderSettings(LATENT_WEIGHT));

    public static final Setting<String> NAME = Setting.of("game.name", ValueType.choice(REGISTRY::names), "standard",
            "Which networks play and what each side minimises.");

    /**
     * Refuses PacGAN packing for a game that needs each example judged on its own.
     *
     * @param why what the game does with each single example, e.g. "classifies each example"
     */
    static void requireUnpacked(Config config, String why) {
        int pack = config.get(Architectures.D_PACK);
        if (pack != 1) {
            throw new ConfigException(NAME.key() + "=" + config.get(NAME) + " " + why + ", and "
                    + Architectures.D_PACK.key() + "=" + pack + " judges several examples together: set it to 1");
        }
    }

    /**
     * Refuses normalisations set from a batch drawn before the first step (weight norm's
     * initialisation, virtual batch norm's reference) for a game whose g or d holds several
     * networks side by side.
     *
     * @param why what the game does with its networks, e.g. "routes each row to one member"
     */
    static void requireNormsWithoutDataInitialisation(Config config, String why) {
        for (Setting<String> norm : List.of(Normalisation.G_NORM, Normalisation.D_NORM)) {
            String kind = config.get(norm);
            if (kind.equals("weight") || kind.equals("virtual_batch")) {
                throw new ConfigException(norm.key() + "=" + kind + " initialises a network from one batch drawn "
                        + "before the first step, and " + NAME.key() + "=" + config.get(NAME) + " " + why
                        + ": use batch, ghost_batch, layer, spectral or none");
            }
        }
    }

    /** The configured game; a game with its own objectives refuses a loss it would ignore. */
    public static Game create(Config config) {
        String name = config.get(NAME);
        Game game = REGISTRY.create(name, config);
        if (!game.usesLoss() && !config.get(Losses.NAME).equals(Losses.NAME.defaultValue())) {
            throw new ConfigException(NAME.key() + "=" + name + " has its own objectives, so " + Losses.NAME.key()
                    + "=" + config.get(Losses.NAME) + " would not be used: leave " + Losses.NAME.key() + " unset");
        }
        return game;
    }

    /** The configured game's model for this data: g, d, g_ema when EMA is on, and the game's own networks. */
    public static GanModel model(Config config, Dataset data) {
        return model(config, data.exampleShape(), data.hasLabels() ? data.classCount() : 0);
    }

    /** The configured game's model for unlabelled examples of this shape. */
    public static GanModel model(Config config, int[] exampleShape) {
        return model(config, exampleShape, 0);
    }

    private static GanModel model(Config config, int[] exampleShape, int classes) {
        Game game = create(config);
        return new GanModel(config, exampleShape, new ModelSpec(game.extraNetworks(config, exampleShape),
                game.categoricalCodes(), game.continuousCodes(), game.criticOutputs(classes), game.generatorOutput(),
                game.criticInput(), game.components(), game.criticMembers()));
    }

    /** An auto-encoder's own weight, then the reconstruction and encoder keys all three share. */
    private static Setting<?>[] autoEncoderSettings(Setting<?> weight) {
        List<Setting<?>> all = new java.util.ArrayList<>(List.of(weight));
        all.addAll(ReconstructionCost.SETTINGS);
        return concat(all, AutoEncoderGame.ENCODER_OPTIMIZER.all());
    }

    private static Setting<?>[] concat(List<Setting<?>> a, List<Setting<?>> b) {
        List<Setting<?>> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all.toArray(new Setting<?>[0]);
    }
}
