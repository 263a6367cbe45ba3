package org.gantry.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.config.GlobalSettings;
import org.gantry.core.engine.StagingBuffer;
import org.gantry.core.game.Game;
import org.gantry.core.game.Games;
import org.gantry.core.game.LabelledBatch;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.Network;
import org.gantry.core.regularise.Regularisers;
import org.gantry.data.BatchPrefetcher;
import org.gantry.data.Dataset;
import org.gantry.data.EpochSampler;
import org.gantry.data.LabelledSubset;
import org.gantry.random.Rng;

/**
 * Runs training steps: owns the data stream, the latent stream and the step count (all
 * checkpointed) and hands them to the configured {@link TrainingDynamics}, which updates the
 * players. Each step runs inside its own NDManagers, so every array it creates is freed when it
 * ends; the only arrays that live on are parameters and optimizer state.
 */
public final class GanTrainer implements AutoCloseable {
    private final Players players;
    private final TrainingDynamics dynamics;
    private final Dataset data;
    private final EpochSampler sampler;
    private BatchPrefetcher batches;
    private final Rng noise;
    private final int batch;
    private final float[] noiseBuffer;
    private final StagingBuffer realInput;
    private final StagingBuffer noiseInput;
    private final LabelledSubset labelled;
    private long step;
    private final StepInputs inputs = new StepInputs() {
        @Override
        public NDArray real(NDManager m) {
            return realInput.wrap(m, batches().next());
        }

        @Override
        public NDArray latent(NDManager m) {
            players.model().drawTrainingLatent(noise, noiseBuffer);
            return noiseInput.wrap(m, noiseBuffer);
        }

        @Override
        public LabelledBatch labelled(NDManager m) {
            if (labelled == null) {
                return StepInputs.super.labelled(m);
            }
            int classes = players.model().criticOutputs();
            float[] examples = new float[batch * data.exampleLength()];
            int[] classOf = new int[batch];
            labelled.next(examples, classOf);
            float[] oneHot = new float[batch * classes];
            for (int i = 0; i < batch; i++) {
                oneHot[i * classes + classOf[i]] = 1;
            }
            return new LabelledBatch(m.create(examples, Network.batchShape(batch, data.exampleShape())),
                    m.create(oneHot, new Shape(batch, classes)));
        }

        @Override
        public long step() {
            return step;
        }

        @Override
        public Rng noise() {
            return noise;
        }
    };

    GanTrainer(Players players, TrainingDynamics dynamics, Dataset data, EpochSampler sampler, Rng noise, int batch,
            LabelledSubset labelled) {
        this.players = players;
        this.labelled = labelled;
        this.dynamics = dynamics;
        this.data = data;
        this.sampler = sampler;
        this.noise = noise;
        this.batch = batch;
        GanModel model = players.model();
        model.drawLayerNoiseFrom(noise);
        noiseBuffer = new float[batch * model.latentSize()];
        realInput = new StagingBuffer(Network.batchShape(batch, data.exampleShape()));
        noiseInput = new StagingBuffer(new Shape(batch, model.latentSize()));
    }

    /** A trainer with the configured loss, regulariser, dynamics and batch, and the run's seeded streams. */
    public static GanTrainer create(Config config, GanModel model, Dataset data) {
        long seed = config.get(GlobalSettings.SEED);
        return create(config, model, data, new EpochSampler(data.size(), Rng.forPurpose(seed, "data-order")),
                Rng.forPurpose(seed, "noise"));
    }

    static GanTrainer create(Config config, GanModel model, Dataset data, EpochSampler sampler, Rng noise) {
        TrainingDynamics dynamics = Dynamics.REGISTRY.create(config.get(Dynamics.NAME), config);
        Game game = Games.create(config);
        TrainingCombination.check(config, model, game, data, dynamics);
        boolean featureMatching = config.get(Dynamics.GENERATOR_OBJECTIVE).equals("feature_matching");
        Players players = new Players(model, game, Regularisers.REGISTRY.create(config.get(Regularisers.NAME), config),
                featureMatching, config.get(TrainSettings.D_STEPS));
        keepHistories(config, model, game);
        LabelledSubset labelled = null;
        if (game.labelledExamples() > 0) {
            try {
                labelled = new LabelledSubset(data, game.labelledExamples(), Rng.forPurpose(seed(config),
                        "labelled-choice"), Rng.forPurpose(seed(config), "labelled-order"));
            } catch (ConfigException e) {
                throw new ConfigException(Games.LABELS.key() + "=" + config.get(Games.LABELS) + ": " + e.getMessage());
            }
        }
        return new GanTrainer(players, dynamics, data, sampler, noise, config.get(TrainSettings.BATCH), labelled);
    }

    private static long seed(Config config) {
        return config.get(GlobalSettings.SEED);
    }

    Players players() {
        return players;
    }

    public long step() {
        return step;
    }

    public StepResult trainStep() {
        GanModel model = players.model();
        if (step == 0 && model.initialisesFromData()) {
            // Weight norm's initialisation and virtual batch norm's reference take the first batch.
            try (NDManager m = model.manager().newSubManager()) {
                model.initialiseFromData(inputs.real(m), inputs.latent(m));
            }
        }
        Map<String, Double> values = dynamics.step(players, inputs, step);
        if (!players.criticSide().isEmpty() && !values.containsKey("d_loss")) {
            // Only a game without critics may leave d_loss out; a dynamics that forgot it is a bug.
            throw new IllegalStateException(dynamics.getClass().getSimpleName() + " reported no d_loss for a game "
                    + "with critics " + players.game().critics() + ": " + values.keySet());
        }
        players.model().afterStep();
        step++;
        return new StepResult(step, values);
    }

    /**
     * Real batches come from a background thread. It starts at the first step rather than in the
     * constructor, so that a checkpoint can restore the sampler before anything is drawn.
     */
    private BatchPrefetcher batches() {
        if (batches == null) {
            batches = new BatchPrefetcher(data, sampler, batch);
        }
        return batches;
    }

    public void save(DataOutputStream out) throws IOException {
        out.writeLong(step);
        writeBytes(out, noise.saveState());
        writeBytes(out, batches != null ? batches.saveState() : sampler.saveState());
        if (labelled != null) {
            writeBytes(out, labelled.saveState());
        }
        players.model().save(out);
    }

    /** @param networksByName false for checkpoint formats 1 and 2, which stored the networks by position */
    public void load(DataInputStream in, boolean networksByName) throws IOException {
        step = in.readLong();
        noise.restoreState(readBytes(in));
        close();
        sampler.restoreState(readBytes(in));
        if (labelled != null) {
            labelled.restoreState(readBytes(in));
        }
        loadNetworks(in, players.model(), networksByName);
    }

    /**
     * Turns on historical averaging where the configuration asks for it: on every network of the
     * generator side and of the critic side. Its running means are saved with each network, so a model that
     * only loads a checkpoint needs them on too.
     */
    public static void keepHistories(Config config, GanModel model, Game game) {
        double history = config.get(Dynamics.HISTORICAL_AVERAGING);
        if (history > 0) {
            for (String name : game.generatorSide()) {
                model.network(name).averageHistory(history);
            }
            for (String name : game.criticSide()) {
                model.network(name).averageHistory(history);
            }
        }
    }

    /**
     * Reads what {@link #save} wrote into {@code model} alone, passing over the training state (the
     * streams' positions): how a finished run is loaded for sampling without a trainer.
     *
     * @param labelled whether the run's game drew labelled examples, whose stream's state was saved
     * @return the step the checkpoint was written at
     */
    public static long loadModel(DataInputStream in, GanModel model, boolean labelled, boolean networksByName)
            throws IOException {
        long step = in.readLong();
        int streams = labelled ? 3 : 2;
        for (int i = 0; i < streams; i++) {
            readBytes(in);
        }
        loadNetworks(in, model, networksByName);
        return step;
    }

    /** The networks' records: by name (format 3), or g, d, g_ema one after another (formats 1 and 2). */
    private static void loadNetworks(DataInputStream in, GanModel model, boolean networksByName) throws IOException {
        if (networksByName) {
            model.load(in);
        } else {
            model.loadPositional(in);
        }
    }

    /** Stops the background batch thread; the trainer may go on and will start a new one. */
    @Override
    public void close() {
        if (batches != null) {
            batches.close();
            batches = null;
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }
}
