package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.NetworkSpec;
import org.gantry.core.nn.Architectures;
import org.gantry.core.nn.Encoders;
import org.gantry.core.optim.OptimizerSettings;

/**
 * What the auto-encoding games share: the encoder {@code e}, which mirrors the generator (the
 * decoder) and has its own optimizer keys {@code e.*}, following g's when unset; and the
 * reconstruction cost c(x, y) = ‖x − y‖², summed over an example's values and averaged over the
 * batch, the WAE paper's cost.
 */
final class AutoEncoding {
    static final String ENCODER = "e";
    static final OptimizerSettings ENCODER_OPTIMIZER = OptimizerSettings.inheriting(ENCODER, "encoder",
            OptimizerSettings.GENERATOR);
    static final List<String> GENERATOR_SIDE = List.of("g", ENCODER);

    private AutoEncoding() {}

    /** The encoder for examples of this shape, with {@code outputs} values per example. */
    static NetworkSpec encoder(Config config, int[] exampleShape, int outputs) {
        return new NetworkSpec(ENCODER, input -> Encoders.mirroring(config).build(input, new int[] {outputs}),
                exampleShape, 1, ENCODER_OPTIMIZER.create(config));
    }

    /** The encoder's output on a batch of examples, with its graph when {@code training}. */
    static NDArray encoderOutput(GanModel model, NDArray examples, boolean training) {
        return model.network(ENCODER).forward(examples, training);
    }

    /** The decoder g's reconstruction of examples from their codes, in training mode. */
    static NDArray decode(GanModel model, NDArray codes) {
        return model.generator().forward(codes, true);
    }

    /** E‖x − y‖²: squared differences summed over each example's values, averaged over the batch. */
    static NDArray squaredError(NDArray x, NDArray y) {
        NDArray d = x.sub(y.reshape(x.getShape())).square();
        return d.reshape(x.getShape().get(0), -1).sum(new int[] {1}).mean();
    }

    /** The prior's variance per coordinate: 1 for g.z_dist=normal, 1/3 for uniform on [−1, 1]. */
    static double priorVariance(Config config) {
        return config.get(Architectures.Z_DISTRIBUTION).equals("uniform") ? 1.0 / 3 : 1.0;
    }

    /** Refuses a prior the game's divergence is not written for. */
    static void requireNormalPrior(Config config, String why) {
        String prior = config.get(Architectures.Z_DISTRIBUTION);
        if (!prior.equals("normal")) {
            throw new ConfigException(Games.NAME.key() + "=" + config.get(Games.NAME) + " " + why + ", and "
                    + Architectures.Z_DISTRIBUTION.key() + "=" + prior + ": set it to normal");
        }
    }
}
