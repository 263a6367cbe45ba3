package org.gantry.core.nn;

import java.util.List;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.config.Registry;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.core.nn.layer.UpFactory;

/** Generator and discriminator architectures by name, with their settings. */
public final class Architectures {
    private Architectures() {}

    public static final Setting<Integer> Z_DIM = Setting.of("g.z_dim", ValueType.integer(1, 65536), 2,
            "Latent size (distribution: g.z_dist).");
    public static final Setting<String> Z_DISTRIBUTION = Setting.of("g.z_dist",
            ValueType.choice(() -> List.of("normal", "uniform")), "normal",
            "Latent distribution: normal N(0, I) or uniform U(-1, 1) per coordinate (DCGAN, Stacked MNIST).");
    public static final Setting<List<Integer>> G_WIDTHS = Setting.of("g.widths", ValueType.intList(1),
            List.of(400, 400, 400, 400), "Generator hidden layer widths (mlp).");
    public static final Setting<String> G_ACTIVATION = Setting.of("g.activation", ActivationName.TYPE, "relu",
            "Generator hidden activation (mlp).");
    public static final Setting<String> G_OUTPUT = Setting.of("g.output", ValueType.choice(() -> List.of("linear",
            "tanh")), "linear", "Generator output layer (mlp): linear, or tanh for outputs in [-1, 1] (which "
                    + "game.name=bgan_discrete reads as pixel probabilities).");
    public static final Setting<List<Integer>> G_CHANNELS = Setting.of("g.channels", ValueType.intList(1), null,
            "Generator feature-map widths, one per resolution (dcgan, sndcgan, resnet). Unset: dcgan [128, 64]; "
                    + "sndcgan the tail of [512, 256, 128, 64] and resnet of [128, 128, 128] that suits the image size.");
    public static final Setting<String> G_UPSAMPLE = Setting.of("g.upsample",
            ValueType.choice(() -> List.of("nearest", "pixel_shuffle")), "nearest",
            "How convolutional generators double the resolution: nearest up-sampling then convolution, or a "
                    + "convolution then pixel shuffle.");
    public static final Setting<List<Integer>> D_WIDTHS = Setting.of("d.widths", ValueType.intList(1),
            List.of(200, 200, 200), "Discriminator hidden layer widths (units per layer for maxout).");
    public static final Setting<String> D_ACTIVATION = Setting.of("d.activation", ActivationName.TYPE, "leaky_relu",
            "Discriminator hidden activation (mlp).");
    public static final Setting<Integer> D_PIECES = Setting.of("d.pieces", ValueType.integer(2, 64), 5,
            "Linear pieces per maxout unit.");
    public static final Setting<List<Integer>> D_CHANNELS = Setting.of("d.channels", ValueType.intList(1), null,
            "Discriminator feature-map widths (dcgan, sndcgan, resnet). Unset: dcgan [64, 128]; sndcgan "
                    + "[64, 128, 256, 512]; resnet [128, 128, 128, 128].");
    public static final Setting<Integer> D_MINIBATCH_KERNELS = Setting.of("d.minibatch_kernels",
            ValueType.integer(0, 4096), 0,
            "Minibatch discrimination (Salimans et al. 2016): number B of kernels, each an extra discriminator "
                    + "feature summing exp(-L1 distance) from an example to every example of its batch (itself "
                    + "included), so batches of near-copies stand out; 0 = off. It works on the features just before "
                    + "the output layer (mlp, maxout: last hidden layer; dcgan, sndcgan: flattened last feature map; "
                    + "resnet: pooled features) and adds A*B*d.minibatch_kernel_dims weights for A such features, "
                    + "e.g. A = 6272 for dcgan on 28x28 images. These weights are never spectrally normalised.");
    public static final Setting<Integer> D_MINIBATCH_KERNEL_DIMS = Setting.of("d.minibatch_kernel_dims",
            ValueType.integer(1, 1024), 5,
            "Minibatch discrimination: length C of the projection each kernel compares examples by (the paper "
                    + "uses 5); only used when d.minibatch_kernels > 0.");
    public static final Setting<Double> D_INPUT_NOISE = Setting.of("d.input_noise", ValueType.real(0, 100), 0.0,
            "Standard deviation of Gaussian noise added to the discriminator's input while training (mlp, maxout; "
                    + "Salimans et al. 2016, semi-supervised MNIST: 0.3); drawn from the run's seeded latent stream, "
                    + "off in evaluation. 0 = off.");
    public static final Setting<Double> D_HIDDEN_NOISE = Setting.of("d.hidden_noise", ValueType.real(0, 100), 0.0,
            "Standard deviation of Gaussian noise added to the output of each hidden layer of the discriminator "
                    + "while training (mlp, maxout; Salimans et al. 2016, semi-supervised MNIST: 0.5). 0 = off.");

    private static final Setting<?>[] G_NORMS = {Normalisation.G_NORM, Normalisation.SELF_MODULATION,
        Normalisation.SELF_MODULATION_HIDDEN, Normalisation.G_GHOST_BATCH, Normalisation.G_REFERENCE_BATCH};
    private static final Setting<?>[] G_CONV = concat(G_NORMS, G_CHANNELS, G_UPSAMPLE);
    /** Every discriminator's own normalisation and minibatch-discrimination keys. */
    private static final Setting<?>[] D_COMMON = {Normalisation.D_NORM, Normalisation.D_GHOST_BATCH,
        Normalisation.D_REFERENCE_BATCH, D_MINIBATCH_KERNELS, D_MINIBATCH_KERNEL_DIMS};

    public static final Registry<Architecture> GENERATORS = new Registry<Architecture>("generator architecture")
            .register("mlp", "multi-layer perceptron",
                    c -> new MlpArchitecture(c.get(G_WIDTHS), c.get(G_ACTIVATION), gNorm(c, "batch"),
                            MinibatchFeatures.OFF, c.get(G_OUTPUT).equals("tanh"), DiscriminatorNoise.OFF),
                    concat(G_NORMS, G_WIDTHS, G_ACTIVATION, G_OUTPUT))
            .register("dcgan", "DCGAN generator with up-sampling + convolution (Radford et al. 2016)",
                    c -> new ConvGenerator(c.get(G_CHANNELS), List.of(128, 64), true, gNorm(c, "batch"), up(c),
                            G_CHANNELS.key()), G_CONV)
            .register("sndcgan", "SNGAN standard CNN generator (Miyato et al. 2018; compare_gan SNDCGAN)",
                    c -> new ConvGenerator(c.get(G_CHANNELS), List.of(512, 256, 128, 64), false, gNorm(c, "batch"),
                            up(c), G_CHANNELS.key()), G_CONV)
            .register("resnet", "SNGAN ResNet generator with up-sampling residual blocks",
                    c -> new ResNetGenerator(c.get(G_CHANNELS), List.of(128, 128, 128), gNorm(c, "batch"), up(c),
                            G_CHANNELS.key()), G_CONV);

    public static final Registry<Architecture> DISCRIMINATORS = new Registry<Architecture>("discriminator architecture")
            .register("maxout", "maxout layers (PacGAN discriminator)",
                    c -> new MaxoutArchitecture(c.get(D_WIDTHS), c.get(D_PIECES),
                            Normalisation.discriminatorWeights(c, "maxout"), minibatch(c), noise(c)),
                    concat(D_COMMON, D_WIDTHS, D_PIECES, D_INPUT_NOISE, D_HIDDEN_NOISE))
            .register("linear", "one dense layer to the logit, w.x + b (logistic regression; the dualing GAN's critic)",
                    c -> {
                        refuseNoise(c, "linear");
                        if (c.get(D_MINIBATCH_KERNELS) > 0) {
                            throw new ConfigException("d.arch=linear is one dense layer, a linear critic, and "
                                    + D_MINIBATCH_KERNELS.key() + "=" + c.get(D_MINIBATCH_KERNELS) + " would add "
                                    + "non-linear features: set it to 0 or use mlp or maxout");
                        }
                        return new LinearDiscriminator(Normalisation.discriminatorWeights(c, "linear"));
                    }, Normalisation.D_NORM)
            .register("mlp", "multi-layer perceptron",
                    c -> new MlpArchitecture(c.get(D_WIDTHS), c.get(D_ACTIVATION), dNorm(c, "none"), minibatch(c),
                            false, noise(c)),
                    concat(D_COMMON, D_WIDTHS, D_ACTIVATION, D_INPUT_NOISE, D_HIDDEN_NOISE))
            .register("dcgan", "DCGAN discriminator: 4x4 stride-2 convolutions, LeakyReLU 0.2",
                    c -> new DcganDiscriminator(widths(c, List.of(64, 128)), dNorm(c, refuseNoise(c, "batch")),
                            minibatch(c)),
                    concat(D_COMMON, D_CHANNELS))
            .register("sndcgan", "SNGAN standard CNN discriminator, spectral norm by default",
                    c -> new SnDcganDiscriminator(widths(c, List.of(64, 128, 256, 512)), dNorm(c, refuseNoise(c, "spectral")),
                            minibatch(c)), concat(D_COMMON, D_CHANNELS))
            .register("resnet", "SNGAN ResNet discriminator, spectral norm by default",
                    c -> new ResNetDiscriminator(widths(c, List.of(128, 128, 128, 128)), dNorm(c, refuseNoise(c, "spectral")),
                            minibatch(c)), concat(D_COMMON, D_CHANNELS));

    public static final Setting<String> G_ARCH = Setting.of("g.arch", ValueType.choice(GENERATORS::names), "mlp",
            "Generator architecture.");
    public static final Setting<Integer> D_PACK = Setting.of("d.pack", ValueType.integer(1, 64), 1,
            "PacGAN packing (Lin et al. 2018): the discriminator judges this many samples at once, all real or "
                    + "all generated, stacked along channels (images) or coordinates (points); train.batch must be a "
                    + "multiple of it. 1: one at a time.");
    public static final Setting<String> D_ARCH = Setting.of("d.arch", ValueType.choice(DISCRIMINATORS::names),
            "maxout", "Discriminator architecture.");

    /**
     * A head on another network's features (InfoGAN's Q): per width a dense layer, batch norm and
     * LeakyReLU 0.2, then a dense output layer.
     */
    public static Architecture head(List<Integer> widths) {
        return new MlpArchitecture(widths, "leaky_relu", Normalisation.batch(), MinibatchFeatures.OFF);
    }

    private static Normalisation.Choice gNorm(Config c, String architectureDefault) {
        return Normalisation.generator(c, architectureDefault, c.get(Z_DIM));
    }

    private static Normalisation.Choice dNorm(Config c, String architectureDefault) {
        return Normalisation.discriminator(c, architectureDefault);
    }

    private static MinibatchFeatures minibatch(Config c) {
        return new MinibatchFeatures(c.get(D_MINIBATCH_KERNELS), c.get(D_MINIBATCH_KERNEL_DIMS));
    }

    /**
     * Refuses training noise for a discriminator that builds none, so that a set key never does
     * nothing silently.
     *
     * @return {@code passThrough}, for use inside an expression
     */
    private static String refuseNoise(Config c, String passThrough) {
        for (Setting<Double> key : List.of(D_INPUT_NOISE, D_HIDDEN_NOISE)) {
            if (c.get(key) > 0) {
                throw new ConfigException(key.key() + "=" + c.get(key) + ": d.arch=" + c.get(D_ARCH)
                        + " adds no training noise; it is built into the mlp and maxout discriminators");
            }
        }
        return passThrough;
    }

    private static DiscriminatorNoise noise(Config c) {
        return new DiscriminatorNoise(c.get(D_INPUT_NOISE), c.get(D_HIDDEN_NOISE));
    }

    private static List<Integer> widths(Config c, List<Integer> architectureDefault) {
        List<Integer> configured = c.get(D_CHANNELS);
        return configured != null ? configured : architectureDefault;
    }

    private static UpFactory up(Config c) {
        return c.get(G_UPSAMPLE).equals("pixel_shuffle") ? UpFactory.pixelShuffle() : UpFactory.nearest();
    }

    private static Setting<?>[] concat(Setting<?>[] a, Setting<?>... b) {
        Setting<?>[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
