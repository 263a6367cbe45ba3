package org.gantry.core.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.checkpoint.CheckpointStore;
import org.gantry.core.game.Game;
import org.gantry.core.game.Games;
import org.gantry.core.latent.GeneratorMap;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.LatentSpace;
import org.gantry.core.sample.HeldOutExamples;
import org.gantry.core.sample.ModelTarget;
import org.gantry.core.sample.Sampled;
import org.gantry.core.sample.Sampler;
import org.gantry.core.sample.SamplingTarget;
import org.gantry.core.sample.Samplers;
import org.gantry.core.train.GanTrainer;
import org.gantry.data.Dataset;
import org.gantry.random.Rng;

/**
 * A finished run loaded from one of its checkpoints ({@code latest}, {@code best} or a file): its
 * generator (the EMA one when the run kept one), its critic's logit and its latent space as
 * samplers see them ({@link #target}), without the trainer and its data streams. Samples come
 * through the run's configured sampler.
 */
public final class TrainedRun implements AutoCloseable {
    private final GanModel model;
    private final Sampler sampler;
    private final ModelTarget target;
    private final Path checkpoint;
    private final long step;

    private TrainedRun(GanModel model, Sampler sampler, ModelTarget target, Path checkpoint, long step) {
        this.model = model;
        this.sampler = sampler;
        this.target = target;
        this.checkpoint = checkpoint;
        this.step = step;
    }

    /**
     * @param choice {@code latest}, {@code best} or the path of a checkpoint file
     * @throws ConfigException when the run has no such checkpoint
     */
    public static TrainedRun open(Config config, Dataset data, Path runDir, String choice) throws IOException {
        Path file = checkpointFile(runDir, choice);
        List<String> differ = CheckpointStore.stateDifferences(CheckpointStore.readConfigOrExplain(file, choice),
                config);
        if (!differ.isEmpty()) {
            throw new ConfigException("--checkpoint " + choice + ": it was written by a run with other networks or "
                    + "training state (checkpoint -> this run: " + String.join(", ", differ)
                    + "); give a checkpoint of this run");
        }
        Game game = Games.create(config);
        GanModel model = Games.model(config, data);
        try {
            // The histories' running means are part of each network's record.
            GanTrainer.keepHistories(config, model, game);
            long step;
            try {
                step = CheckpointStore.readModel(file, model, game.labelledExamples() > 0);
            } catch (IOException e) {
                // A checkpoint of other networks, or a damaged file: the user chose the wrong one.
                throw new ConfigException("--checkpoint " + choice + ": " + e.getMessage());
            }
            Sampler sampler = Samplers.REGISTRY.create(config.get(Samplers.NAME), config);
            ModelTarget target = new ModelTarget(model, game, HeldOutExamples.of(config, data));
            sampler.check(target);
            return new TrainedRun(model, sampler, target, file, step);
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

    /** The run's networks, as the checkpoint left them. */
    public GanModel model() {
        return model;
    }

    /** {@code count} samples through the run's sampler (sample.name), all randomness from {@code rng}. */
    public Sampled sample(int count, Rng rng) {
        return sampler.sample(target, count, rng);
    }

    /** The run's evaluation generator as a map from latent vectors to examples, for latent geometry. */
    public GeneratorMap generatorMap() {
        return target;
    }

    /** The run's generator and critic as samplers see them. */
    public SamplingTarget target() {
        return target;
    }

    /** The generator's latent space: its noise and the game's codes, in the order it reads them. */
    public LatentSpace latentSpace() {
        return model.latentSpace();
    }

    /**
     * The generator's outputs for {@code count} latent vectors, row-major (its EMA copy when the run
     * kept one): the examples themselves, or for a generator of Bernoulli pixels their probabilities
     * as (y + 1)/2 (the samples of {@link #sample} are drawn from them).
     */
    public float[] generate(float[] z, int count) {
        return model.generate(z, count);
    }

    /** The step the checkpoint was written at. */
    public long step() {
        return step;
    }

    public Path checkpoint() {
        return checkpoint;
    }

    @Override
    public void close() {
        model.close();
    }
}
