package org.gantry.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.gantry.config.Config;
import org.gantry.core.TestConfigs;
import org.gantry.core.checkpoint.CheckpointStore;
import org.gantry.core.game.Games;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.Network;
import org.gantry.core.run.TrainingRun;
import org.gantry.core.train.GanTrainer;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run loaded without its trainer holds exactly the networks that the full trainer restores from
 * the same checkpoint: the model-only reader passes over the training state byte for byte.
 */
class TrainedRunTest {

    @Test
    void generatorCriticAndLatentSpaceMatchTheTrainersRestoredModel(@TempDir Path dir) throws IOException {
        // The standard game (with an EMA generator; with historical averaging, whose running means each
        // network's record holds), and a semi-supervised one whose checkpoint also holds its labelled stream.
        for (String[] sets : List.of(new String[] {"train.ema=0.9"}, new String[] {"train.historical_averaging=0.1"},
                new String[] {"game.name=ssgan", "game.labels=16"})) {
            Config c = TestConfigs.tiny(concat(sets, "train.steps=20", "eval.every=20", "output.checkpoint_every=20"));
            Path run = dir.resolve(sets[0].replace('=', '-'));
            TrainingRun.create(c, run, List.of()).run();
            Dataset data = DataSets.create(c);
            Path file = run.resolve("checkpoints/step-00000020.ckpt");
            float[] x = new float[5 * 2];
            new Rng(3).fillGaussian(x);
            try (TrainedRun loaded = TrainedRun.open(c, data, run, "latest");
                    GanModel model = Games.model(c, data);
                    GanTrainer trainer = GanTrainer.create(c, model, data)) {
                CheckpointStore.read(file, trainer);
                assertThat(loaded.step()).isEqualTo(20);
                assertThat(loaded.latentSpace()).isEqualTo(model.latentSpace());
                float[] z = new float[5 * model.latentSize()];
                new Rng(4).fillGaussian(z);
                assertThat(loaded.generate(z, 5)).containsExactly(model.generate(z, 5));
                float[] logits = loaded.target().logits(x, 5);
                assertThat(logits).hasSize(5);
                float[] outputs = discriminatorOutputs(model, x, 5);
                int k = outputs.length / 5;
                for (int i = 0; i < 5; i++) {
                    // One logit as it is; class logits as log Σ exp, the semi-supervised game's logit.
                    double expected = outputs[i * k];
                    if (k > 1) {
                        double zsum = 0;
                        for (int j = 0; j < k; j++) {
                            zsum += Math.exp(outputs[i * k + j]);
                        }
                        expected = Math.log(zsum);
                    }
                    assertThat((double) logits[i]).isCloseTo(expected, within(1e-5));
                }
            }
        }
    }

    private static float[] discriminatorOutputs(GanModel model, float[] x, int n) {
        Network d = model.discriminator();
        try (NDManager m = d.manager().newSubManager()) {
            NDArray in = m.create(x, Network.batchShape(n, model.exampleShape()));
            return d.forward(in, false).toFloatArray();
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
