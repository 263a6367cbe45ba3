package org.gantry.core.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.gantry.config.Config;

/**
 * Encoders of examples into latent codes that mirror the configured generator (g.arch), as the
 * auto-encoders of Kingma & Welling 2014 and Tolstikhin et al. 2018 do: an mlp generator's widths
 * in reverse order; a convolutional generator's discriminator counterpart, with g.channels reversed
 * (unset: that discriminator's default widths). Encoders use batch normalisation, as the WAE
 * paper's do, and no minibatch features, so that each code depends on its example alone.
 */
public final class Encoders {
    private Encoders() {}

    /** The encoder that mirrors g.arch; it builds for an example shape and a code of given length. */
    public static Architecture mirroring(Config c) {
        List<Integer> channels = c.get(Architectures.G_CHANNELS);
        return switch (c.get(Architectures.G_ARCH)) {
            case "mlp" -> new MlpArchitecture(reversed(c.get(Architectures.G_WIDTHS)), c.get(Architectures.G_ACTIVATION),
                    Normalisation.batch(), MinibatchFeatures.OFF);
            case "dcgan" -> new DcganDiscriminator(mirrored(channels, List.of(64, 128)), Normalisation.batch(),
                    MinibatchFeatures.OFF);
            case "sndcgan" -> new SnDcganDiscriminator(mirrored(channels, List.of(64, 128, 256, 512)),
                    Normalisation.batch(), MinibatchFeatures.OFF);
            case "resnet" -> new ResNetDiscriminator(mirrored(channels, List.of(128, 128, 128, 128)),
                    Normalisation.batch(), MinibatchFeatures.OFF);
            default -> throw new IllegalStateException("no encoder mirrors " + Architectures.G_ARCH.key() + "="
                    + c.get(Architectures.G_ARCH) + ": add it to Encoders");
        };
    }

    private static List<Integer> mirrored(List<Integer> generatorChannels, List<Integer> unset) {
        return generatorChannels == null ? unset : reversed(generatorChannels);
    }

    private static List<Integer> reversed(List<Integer> widths) {
        List<Integer> out = new ArrayList<>(widths);
        Collections.reverse(out);
        return out;
    }
}
