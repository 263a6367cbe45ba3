package org.gantry.core.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.gantry.core.game.Game;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.Network;
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
        double total = 0;
        for (int start = 0; start < data.size(); start += CHUNK) {
            int n = Math.min(CHUNK, data.size() - start);
            float[] x = new float[n * data.exampleLength()];
            data.fillRange(start, n, x);
            try (NDManager m = model.manager().newSubManager()) {
                NDArray examples = m.create(x, Network.batchShape(n, data.exampleShape()));
                NDArray decoded = model.generator().forward(game.encode(model, examples, false), false);
                float[] y = decoded.toFloatArray();
                for (int i = 0; i < x.length; i++) {
                    double d = x[i] - (double) y[i];
                    total += d * d;
                }
            }
        }
        return total / data.size();
    }
}
