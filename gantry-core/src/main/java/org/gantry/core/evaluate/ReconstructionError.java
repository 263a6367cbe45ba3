package org.gantry.core.evaluate;

import org.gantry.core.game.Game;
import org.gantry.core.model.GanModel;
import org.gantry.data.Dataset;

/**
 * How well an auto-encoder reconstructs a data set: the mean over its examples of ‖x − G(E(x))‖²,
 * summed over each example's values (the cost the WAE and VAE games train on), with the encoder's
 * code (a VAE's mean) decoded by g, both in inference mode: g and not its average (train.ema), since
 * the encoder has none and only the pair trained together reconstructs.
 */
public final class ReconstructionError {
    private static final int CHUNK = 500;

    private ReconstructionError() {}

    public static double of(GanModel model, Game game, Dataset data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("'" + data.name() + "' has no examples to reconstruct");
        }
        double[] total = {0};
        ExampleBatches.forEach(data, data.size(), CHUNK, model.manager(), (start, x, examples) -> {
            float[] y = model.generator().forward(game.encode(model, examples, false), false).toFloatArray();
            for (int i = 0; i < x.length; i++) {
                double d = x[i] - (double) y[i];
                total[0] += d * d;
            }
        });
        return total[0] / data.size();
    }
}
