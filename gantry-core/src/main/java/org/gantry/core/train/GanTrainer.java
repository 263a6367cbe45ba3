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
import org.gantry.core.model.GeneratorOutput;
import org.gantry.core.model.Network;
import org.gantry.core.nn.Architectures;
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
            players.model().drawLatent(noise, noiseBuffer);
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
        String name = config.get(Dynamics.NAME);
        TrainingDynamics dynamics = Dynamics.REGISTRY.create(name, config);
        int dSteps = config.get(TrainSettings.D_STEPS);
        if (dynamics.simultaneous() && dSteps != 1) {
            throw new ConfigException(Dynamics.NAME.key() + "=" + name + " updates both players at once, so "
                    + TrainSettings.D_STEPS.key() + " must be 1 (it is " + dSteps + ")");
        }
        int batch = config.get(TrainSettings.BATCH);
        int pack = config.get(Architectures.D_PACK);
        if (batch % pack != 0) {
            throw new ConfigException(TrainSettings.BATCH.key() + "=" + batch + " does not split into packs of "
                    + Architectures.D_PACK.key() + "=" + pack + ": make it a multiple of " + pack);
        }
        for (Map.Entry<String, Network> e : model.networks().entrySet()) {
            Network n = e.getValue();
            if ((long) n.referenceRows() * n.pack() > batch) {
                throw new ConfigException("network '" + e.getKey() + "' normalises against a reference batch of "
                        + n.referenceRows() + (n.pack() > 1 ? " packs of " + n.pack() : "") + " examples ("
                        + (e.getKey().startsWith("g") ? "g" : "d") + ".reference_batch), more than the first "
                        + TrainSettings.BATCH.key() + "=" + batch + " holds: lower it or raise the batch");
            }
        }
        Game game = Games.create(config);
        for (String network : game.criticSide()) {
            if (!model.networks().containsKey(network)) {
                throw new IllegalArgumentException(Games.NAME.key() + "=" + config.get(Games.NAME) + " plays network '"
                        + network + "', which this model lacks: build the model with Games.model");
            }
        }
        // Feature matching and functional gradients replace the generator's objective by one built on d
        // alone: a game with more critics or with heads would silently lose the rest of its objective.
        boolean plain = game.critics().equals(java.util.List.of("d")) && game.heads().isEmpty()
                && model.criticOutputs() == 1;
        String gameName = Games.NAME.key() + "=" + config.get(Games.NAME) + " (critics " + game.critics()
                + (game.heads().isEmpty() ? "" : ", heads " + game.heads())
                + (model.criticOutputs() == 1 ? "" : ", " + model.criticOutputs() + " class logits") + ")";
        boolean featureMatching = config.get(Dynamics.GENERATOR_OBJECTIVE).equals("feature_matching");
        if (model.generatorOutput() == GeneratorOutput.BERNOULLI_PIXELS) {
            checkDrawnExamples(config, model, data, featureMatching);
        }
        if (dynamics.needsOneCritic() && !plain) {
            throw new ConfigException(Dynamics.NAME.key() + "=" + name + " moves samples along d's gradient and "
                    + "distils the generator onto them, which drops the objectives of " + gameName);
        }
        if (featureMatching && !dynamics.usesGeneratorObjective()) {
            throw new ConfigException(Dynamics.GENERATOR_OBJECTIVE.key() + "=feature_matching does not apply to "
                    + Dynamics.NAME.key() + "=" + name + ", whose generator does not follow the adversarial objective");
        }
        if (featureMatching && !(game.critics().equals(java.util.List.of("d")) && game.heads().isEmpty())) {
            throw new ConfigException(Dynamics.GENERATOR_OBJECTIVE.key() + "=feature_matching replaces the generator's "
                    + "objective by matching d's features, which drops the rest of " + gameName);
        }
        Players players = new Players(model, game, Regularisers.REGISTRY.create(config.get(Regularisers.NAME), config),
                featureMatching, dSteps);
        double history = config.get(Dynamics.HISTORICAL_AVERAGING);
        if (history > 0) {
            if (!dynamics.usesOptimizers()) {
                throw new ConfigException(Dynamics.HISTORICAL_AVERAGING.key() + " acts on optimizer steps, and "
                        + Dynamics.NAME.key() + "=" + name + " uses none: set it to 0");
            }
            model.generator().averageHistory(history);
            for (Network critic : players.criticSide()) {
                critic.averageHistory(history);
            }
        }
        LabelledSubset labelled = null;
        if (game.labelledExamples() > 0) {
            try {
                labelled = new LabelledSubset(data, game.labelledExamples(), Rng.forPurpose(seed(config),
                        "labelled-choice"), Rng.forPurpose(seed(config), "labelled-order"));
            } catch (ConfigException e) {
                throw new ConfigException(Games.LABELS.key() + "=" + config.get(Games.LABELS) + ": " + e.getMessage());
            }
            if (data.classCount() != model.criticOutputs()) {
                throw new IllegalArgumentException("the model's discriminator gives " + model.criticOutputs()
                        + " class logits and '" + data.name() + "' has " + data.classCount()
                        + " classes: build the model with Games.model(config, data)");
            }
        }
        return new GanTrainer(players, dynamics, data, sampler, noise, batch, labelled);
    }

    /**
     * A generator of Bernoulli pixels learns by a policy-gradient estimate through its output's
     * probabilities, and what the critics judge is drawn from them: only alternating updates on the
     * game's own objective train it, the output must be a probability, and real data black and white.
     */
    private static void checkDrawnExamples(Config config, GanModel model, Dataset data, boolean featureMatching) {
        String game = Games.NAME.key() + "=" + config.get(Games.NAME);
        String dynamics = config.get(Dynamics.NAME);
        if (featureMatching) {
            throw new ConfigException(Dynamics.GENERATOR_OBJECTIVE.key() + "=feature_matching trains the generator "
                    + "through its examples, and " + game + " draws them from the generator's output, which no "
                    + "gradient passes");
        }
        if (!dynamics.equals("alternating")) {
            throw new ConfigException(Dynamics.NAME.key() + "=" + dynamics + " differentiates through the generated "
                    + "examples or the generator's objective again, and " + game + " draws its examples and follows "
                    + "a policy-gradient estimate: use " + Dynamics.NAME.key() + "=alternating");
        }
        if (!model.generatorTanh()) {
            throw new ConfigException(game + " reads the generator's tanh output as pixel probabilities, and "
                    + Architectures.G_ARCH.key() + "=" + config.get(Architectures.G_ARCH) + " ends without tanh: "
                    + "use dcgan, sndcgan or resnet, or mlp with g.output=tanh");
        }
        requireBlackAndWhite(data, config);
    }

    /** The first examples' values are all −1 or +1, as drawn Bernoulli pixels are: real ones must be too. */
    private static void requireBlackAndWhite(Dataset data, Config config) {
        int n = Math.min(data.size(), 256);
        int[] first = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = i;
        }
        float[] values = new float[n * data.exampleLength()];
        data.fill(first, values);
        for (float v : values) {
            if (v != 1f && v != -1f) {
                throw new ConfigException(Games.NAME.key() + "=" + config.get(Games.NAME) + " draws black or white "
                        + "pixels (-1 or +1), and '" + data.name() + "' holds other values such as " + v
                        + ": set data.binarise=true for images");
            }
        }
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
        players.model().afterGeneratorUpdate();
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
        if (networksByName) {
            players.model().load(in);
        } else {
            players.model().loadPositional(in);
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
        if (networksByName) {
            model.load(in);
        } else {
            model.loadPositional(in);
        }
        return step;
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
