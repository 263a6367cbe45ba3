package org.gantry.core.nn;

import java.util.List;
import org.gantry.config.Registry;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;

/** Generator and discriminator architectures by name, with their settings. */
public final class Architectures {
    private Architectures() {}

    public static final Setting<List<Integer>> G_WIDTHS = Setting.of("g.widths", ValueType.intList(1),
            List.of(400, 400, 400, 400), "Generator hidden layer widths.");
    public static final Setting<String> G_ACTIVATION = Setting.of("g.activation", ActivationName.TYPE, "relu",
            "Generator hidden activation.");
    public static final Setting<Boolean> G_BATCH_NORM = Setting.of("g.batch_norm", ValueType.bool(), true,
            "Batch normalisation after each generator hidden layer.");
    public static final Setting<List<Integer>> D_WIDTHS = Setting.of("d.widths", ValueType.intList(1),
            List.of(200, 200, 200), "Discriminator hidden layer widths (units per layer for maxout).");
    public static final Setting<String> D_ACTIVATION = Setting.of("d.activation", ActivationName.TYPE, "leaky_relu",
            "Discriminator hidden activation (mlp).");
    public static final Setting<Boolean> D_BATCH_NORM = Setting.of("d.batch_norm", ValueType.bool(), false,
            "Batch normalisation after each discriminator hidden layer (mlp).");
    public static final Setting<Integer> D_PIECES = Setting.of("d.pieces", ValueType.integer(2, 64), 5,
            "Linear pieces per maxout unit.");

    public static final Registry<Architecture> GENERATORS = new Registry<Architecture>("generator architecture")
            .register("mlp", "multi-layer perceptron",
                    c -> new MlpArchitecture(c.get(G_WIDTHS), c.get(G_ACTIVATION), c.get(G_BATCH_NORM)),
                    G_WIDTHS, G_ACTIVATION, G_BATCH_NORM);

    public static final Registry<Architecture> DISCRIMINATORS = new Registry<Architecture>("discriminator architecture")
            .register("maxout", "maxout layers (PacGAN discriminator)",
                    c -> new MaxoutArchitecture(c.get(D_WIDTHS), c.get(D_PIECES)), D_WIDTHS, D_PIECES)
            .register("mlp", "multi-layer perceptron",
                    c -> new MlpArchitecture(c.get(D_WIDTHS), c.get(D_ACTIVATION), c.get(D_BATCH_NORM)),
                    D_WIDTHS, D_ACTIVATION, D_BATCH_NORM);

    public static final Setting<String> G_ARCH = Setting.of("g.arch", ValueType.choice(GENERATORS::names), "mlp",
            "Generator architecture.");
    public static final Setting<String> D_ARCH = Setting.of("d.arch", ValueType.choice(DISCRIMINATORS::names),
            "maxout", "Discriminator architecture.");
    public static final Setting<Integer> Z_DIM = Setting.of("g.z_dim", ValueType.integer(1, 65536), 2,
            "Latent size; z ~ N(0, I).");
}
