package org.gantry.core.nn;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.core.nn.layer.BatchNormLayer;
import org.gantry.core.nn.layer.LayerNormLayer;
import org.gantry.core.nn.layer.NormFactory;
import org.gantry.core.nn.layer.SelfModulation;

/**
 * Per-network normalisation: feature normalisation (batch, layer), spectral normalisation of every
 * weight (Miyato et al. 2018), or none; {@code auto} is the architecture's own choice. Generators
 * may replace each normalisation's affine part by self-modulation (Chen et al. 2019).
 */
public final class Normalisation {
    private static final List<String> KINDS = List.of("auto", "none", "batch", "layer", "spectral");
    private static final ValueType<String> KIND = ValueType.choice(() -> KINDS);

    public static final Setting<String> G_NORM = Setting.of("g.norm", KIND, "auto",
            "Generator normalisation: batch, layer, spectral (spectral norm on every weight), none, or auto "
                    + "(the architecture's: batch for all generators).");
    public static final Setting<String> D_NORM = Setting.of("d.norm", KIND, "auto",
            "Discriminator normalisation: batch, layer, spectral, none, or auto (the architecture's: batch for "
                    + "dcgan, spectral for sndcgan and resnet, none for mlp and maxout).");
    public static final Setting<Boolean> SELF_MODULATION = Setting.of("g.self_modulation", ValueType.bool(), false,
            "Self-modulation (Chen et al. 2019): every generator normalisation's affine becomes a small MLP of z. "
                    + "Needs g.norm batch or layer.");
    public static final Setting<Integer> SELF_MODULATION_HIDDEN = Setting.of("g.self_modulation_hidden",
            ValueType.integer(0, 4096), 32, "Hidden units of each self-modulation MLP; 0 makes gamma and beta linear in z.");

    /** What an architecture applies: a factory for feature normalisation, and spectral norm or not. */
    public record Choice(NormFactory factory, boolean spectral) {}

    private Normalisation() {}

    static Choice generator(Config c, String architectureDefault, int latentSize) {
        String kind = resolve(c.get(G_NORM), architectureDefault);
        if (!c.get(SELF_MODULATION)) {
            return plain(kind);
        }
        if (!kind.equals("batch") && !kind.equals("layer")) {
            throw new ConfigException("g.self_modulation=true modulates a batch or layer normalisation, but g.norm is "
                    + kind + "; set g.norm=batch or g.norm=layer");
        }
        int hidden = c.get(SELF_MODULATION_HIDDEN);
        NormFactory standardise = standardiser(kind, false);
        return new Choice((ch, h, w) -> new SelfModulation(standardise.create(ch, h, w), latentSize, ch, hidden, false),
                false);
    }

    /** Batch normalisation with its affine part. */
    static Choice batch() {
        return plain("batch");
    }

    static Choice discriminator(Config c, String architectureDefault) {
        return plain(resolve(c.get(D_NORM), architectureDefault));
    }

    private static String resolve(String configured, String architectureDefault) {
        return configured.equals("auto") ? architectureDefault : configured;
    }

    private static Choice plain(String kind) {
        return switch (kind) {
            case "batch", "layer" -> new Choice(standardiser(kind, true), false);
            case "spectral" -> new Choice((ch, h, w) -> null, true);
            default -> new Choice((ch, h, w) -> null, false);
        };
    }

    private static NormFactory standardiser(String kind, boolean affine) {
        if (kind.equals("batch")) {
            return (ch, h, w) -> new BatchNormLayer(ch, affine);
        }
        return (ch, h, w) -> new LayerNormLayer(h == 0 ? new Shape(ch) : new Shape(ch, h, w), affine);
    }
}
