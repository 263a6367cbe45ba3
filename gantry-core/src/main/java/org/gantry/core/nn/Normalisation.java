package org.gantry.core.nn;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.core.nn.layer.BatchNormLayer;
import org.gantry.core.nn.layer.GhostBatchNormLayer;
import org.gantry.core.nn.layer.LayerNormLayer;
import org.gantry.core.nn.layer.NormFactory;
import org.gantry.core.nn.layer.SelfModulation;
import org.gantry.core.nn.layer.VirtualBatchNormLayer;
import org.gantry.core.nn.layer.WeightForm;

/**
 * Per-network normalisation: feature normalisation (batch, layer, ghost batch, virtual batch), a
 * reparameterisation of every weight (spectral norm, Miyato et al. 2018; weight norm, Salimans &amp;
 * Kingma 2016), or none; {@code auto} is the architecture's own choice. Generators
 * may replace each normalisation's affine part by self-modulation (Chen et al. 2019).
 */
public final class Normalisation {
    private static final List<String> KINDS = List.of("auto", "none", "batch", "layer", "spectral", "weight",
            "ghost_batch", "virtual_batch");
    private static final ValueType<String> KIND = ValueType.choice(() -> KINDS);

    public static final Setting<String> G_NORM = Setting.of("g.norm", KIND, "auto",
            "Generator normalisation: batch, layer, spectral (spectral norm on every weight), weight (weight norm on "
                    + "every weight, initialised from a batch drawn before the first step; Salimans & Kingma 2016), "
                    + "ghost_batch (batch norm over sub-batches of g.ghost_batch; Hoffer et al. 2017), virtual_batch "
                    + "(each example against a "
                    + "fixed reference batch of g.reference_batch; Salimans et al. 2016), none, or auto (the "
                    + "architecture's: batch for all generators).");
    public static final Setting<String> D_NORM = Setting.of("d.norm", KIND, "auto",
            "Discriminator normalisation: as g.norm (batch, layer, spectral, weight, ghost_batch, virtual_batch, none), "
                    + "or auto (the architecture's: batch for dcgan, spectral for sndcgan and resnet, none for mlp and "
                    + "maxout).");
    public static final Setting<Integer> G_GHOST_BATCH = Setting.of("g.ghost_batch", ValueType.integer(2, 1 << 20), 16,
            "Examples per ghost batch when g.norm=ghost_batch: each run of this many examples is normalised on its own.");
    public static final Setting<Integer> D_GHOST_BATCH = Setting.of("d.ghost_batch", ValueType.integer(2, 1 << 20), 16,
            "Examples (packs when packing) per ghost batch when d.norm=ghost_batch.");
    public static final Setting<Integer> G_REFERENCE_BATCH = Setting.of("g.reference_batch",
            ValueType.integer(1, 1 << 16), 64, "Latent vectors in the fixed reference batch when g.norm=virtual_batch, "
                    + "drawn once before the first step (at most train.batch).");
    public static final Setting<Integer> D_REFERENCE_BATCH = Setting.of("d.reference_batch",
            ValueType.integer(1, 1 << 16), 64, "Real examples (packs when packing) in the fixed reference batch when "
                    + "d.norm=virtual_batch, a real batch drawn once before the first step (at most train.batch / "
                    + "d.pack).");
    public static final Setting<Boolean> SELF_MODULATION = Setting.of("g.self_modulation", ValueType.bool(), false,
            "Self-modulation (Chen et al. 2019): every generator normalisation's affine becomes a small MLP of z. "
                    + "Needs g.norm batch or layer.");
    public static final Setting<Integer> SELF_MODULATION_HIDDEN = Setting.of("g.self_modulation_hidden",
            ValueType.integer(0, 4096), 32, "Hidden units of each self-modulation MLP; 0 makes gamma and beta linear in z.");

    /** What an architecture applies: a factory for feature normalisation, and the form of every weight. */
    public record Choice(NormFactory factory, WeightForm weights) {}

    private Normalisation() {}

    static Choice generator(Config c, String architectureDefault, int latentSize) {
        String kind = resolve(c.get(G_NORM), architectureDefault);
        if (!c.get(SELF_MODULATION)) {
            return plain(kind, c.get(G_GHOST_BATCH), c.get(G_REFERENCE_BATCH));
        }
        if (!kind.equals("batch") && !kind.equals("layer")) {
            throw new ConfigException("g.self_modulation=true modulates a batch or layer normalisation, but g.norm is "
                    + kind + "; set g.norm=batch or g.norm=layer");
        }
        int hidden = c.get(SELF_MODULATION_HIDDEN);
        NormFactory standardise = standardiser(kind, false);
        return new Choice((ch, h, w) -> new SelfModulation(standardise.create(ch, h, w), latentSize, ch, hidden,
                WeightForm.PLAIN), WeightForm.PLAIN);
    }

    /** Batch normalisation with its affine part. */
    static Choice batch() {
        return plain("batch", 0, 0);
    }

    static Choice discriminator(Config c, String architectureDefault) {
        String kind = resolve(c.get(D_NORM), architectureDefault);
        if (kind.equals("virtual_batch") && c.get(Architectures.D_MINIBATCH_KERNELS) > 0) {
            // Minibatch discrimination compares each example with every row, reference rows included.
            throw new ConfigException("d.norm=virtual_batch makes each example's output independent of its batch, and "
                    + Architectures.D_MINIBATCH_KERNELS.key() + "=" + c.get(Architectures.D_MINIBATCH_KERNELS)
                    + " compares it with the reference rows too: turn one of them off");
        }
        return plain(kind, c.get(D_GHOST_BATCH), c.get(D_REFERENCE_BATCH));
    }

    /** The weight form of a discriminator that has no place for feature normalisation (maxout). */
    static WeightForm discriminatorWeights(Config c, String architecture) {
        String kind = resolve(c.get(D_NORM), "none");
        if (!List.of("none", "spectral", "weight").contains(kind)) {
            throw new ConfigException("d.arch=" + architecture + " normalises no features, so d.norm=" + kind
                    + " would do nothing: allowed none, spectral, weight or auto");
        }
        return discriminator(c, "none").weights();
    }

    private static String resolve(String configured, String architectureDefault) {
        return configured.equals("auto") ? architectureDefault : configured;
    }

    private static Choice plain(String kind, int ghost, int reference) {
        return switch (kind) {
            case "batch", "layer" -> new Choice(standardiser(kind, true), WeightForm.PLAIN);
            case "ghost_batch" -> new Choice((ch, h, w) -> new GhostBatchNormLayer(ch, ghost), WeightForm.PLAIN);
            case "virtual_batch" -> new Choice((ch, h, w) -> new VirtualBatchNormLayer(ch, reference), WeightForm.PLAIN);
            case "spectral" -> new Choice((ch, h, w) -> null, WeightForm.SPECTRAL);
            case "weight" -> new Choice((ch, h, w) -> null, WeightForm.WEIGHT_NORM);
            default -> new Choice((ch, h, w) -> null, WeightForm.PLAIN);
        };
    }

    private static NormFactory standardiser(String kind, boolean affine) {
        if (kind.equals("batch")) {
            return (ch, h, w) -> new BatchNormLayer(ch, affine);
        }
        return (ch, h, w) -> new LayerNormLayer(h == 0 ? new Shape(ch) : new Shape(ch, h, w), affine);
    }
}
