package org.gantry.core.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.checkpoint.CheckpointStore;
import org.gantry.core.game.Games;
import org.gantry.core.model.GanModel;
import org.gantry.core.sample.Sampler;
import org.gantry.core.sample.Samplers;
import org.gantry.core.train.GanTrainer;
import org.gantry.data.Dataset;
import org.gantry.random.Rng;

/**
 * A run's generator restored from one of its checkpoints ({@code latest}, {@code best} or a file),
 * drawing samples through the run's configured sampler (and its EMA generator when the run kept one).
 */
public final class TrainedGenerator implements AutoCloseable {
    private final GanModel model;
    private final GanTrainer trainer;
    private final Sampler sampler;
    private final Path checkpoint;

    private TrainedGenerator(GanModel model, GanTrainer trainer, Sampler sampler, Path checkpoint) {
        this.model = model;
        this.trainer = trainer;
        this.sampler = sampler;
        this.checkpoint = checkpoint;
    }

    /**
     * @param choice {@code latest}, {@code best} or the path of a checkpoint file
     * @throws ConfigException when the run has no such checkpoint
     */
    public static TrainedGenerator open(Config config, Dataset data, Path runDir, String choice) throws IOException {
        Path file = checkpointFile(runDir, choice);
        List<String> differ = CheckpointStore.stateDifferences(CheckpointStore.readConfigOrExplain(file, choice),
                config);
        if (!differ.isEmpty()) {
            throw new ConfigException("--checkpoint " + choice + ": it was written by a run with other networks or "
                    + "training state (checkpoint -> this run: " + String.join(", ", differ)
                    + "); give a checkpoint of this run");
        }
        GanModel model = Games.model(config, data);
        try {
            GanTrainer trainer = GanTrainer.create(config, model, data);
            try {
                try {
                    CheckpointStore.read(file, trainer);
                } catch (IOException e) {
                    // A checkpoint of other networks, or a damaged file: the user chose the wrong one.
                    throw new ConfigException("--checkpoint " + choice + ": " + e.getMessage());
                }
                return new TrainedGenerator(model, trainer, Samplers.REGISTRY.create(config.get(Samplers.NAME), config),
                        file);
            } catch (RuntimeException e) {
                trainer.close();
                throw e;
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    static Path checkpointFile(Path runDir, String choice) throws IOException {
        Path dir = runDir.resolve("checkpoints");
        Path file = switch (choice) {
            case "latest" -> new CheckpointStore(dir, Integer.MAX_VALUE).latest().orElseThrow(
                    () -> new ConfigException("--checkpoint latest: run directory '" + runDir + "' has no checkpoint"));
            case "best" -> dir.resolve("best.ckpt");
            default -> Path.of(choice);
        };
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("--checkpoint " + choice + ": '" + file + "' does not exist"
                    + (choice.equals("best") ? " (the run kept no best checkpoint: no eval.best metric was evaluated)"
                            : "; allowed: latest, best or the path of a checkpoint file"));
        }
        return file;
    }

    public float[] sample(int count, Rng rng) {
        return sampler.sample(model, count, rng);
    }

    public long step() {
        return trainer.step();
    }

    public Path checkpoint() {
        return checkpoint;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
