package org.gantry.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.gantry.config.Config;
import org.gantry.config.GlobalSettings;
import org.gantry.core.loss.AdversarialLoss;
import org.gantry.core.loss.Losses;
import org.gantry.core.regularise.Regularisers;
import org.gantry.core.regularise.PenaltyInputs;
import org.gantry.core.regularise.Regulariser;
import org.gantry.data.BatchPrefetcher;
import org.gantry.data.Dataset;
import org.gantry.data.EpochSampler;
import org.gantry.random.Rng;

/**
 * One generator step with its discriminator steps. Each step runs inside its own NDManager, so
 * every array it creates is freed when it ends; the only arrays that live on are parameters and
 * optimizer state.
 */
public final class GanTrainer implements AutoCloseable {
    private final GanModel model;
    private final AdversarialLoss loss;
    private final Regulariser regulariser;
    private final Dataset data;
    private final EpochSampler sampler;
    private BatchPrefetcher batches;
    private final Rng noise;
    private final int batch;
    private final int dSteps;
    private final float[] noiseBuffer;
    private final StagingBuffer realInput;
    private final StagingBuffer noiseInput;
    private long step;

    public GanTrainer(GanModel model, AdversarialLoss loss, Regulariser regulariser, Dataset data,
            EpochSampler sampler, Rng noise, int batch, int dSteps) {
        this.model = model;
        this.loss = loss;
        this.regulariser = regulariser;
        this.data = data;
        this.sampler = sampler;
        this.noise = noise;
        this.batch = batch;
        this.dSteps = dSteps;
        noiseBuffer = new float[batch * model.latentSize()];
        realInput = new StagingBuffer(Network.batchShape(batch, data.exampleShape()));
        noiseInput = new StagingBuffer(new Shape(batch, model.latentSize()));
    }

    /** A trainer with the configured loss, regulariser, batch and D steps, and the run's seeded streams. */
    public static GanTrainer create(Config config, GanModel model, Dataset data) {
        long seed = config.get(GlobalSettings.SEED);
        return new GanTrainer(model, Losses.REGISTRY.create(config.get(Losses.NAME), config),
                Regularisers.REGISTRY.create(config.get(Regularisers.NAME), config), data,
                new EpochSampler(data.size(), Rng.forPurpose(seed, "data-order")), Rng.forPurpose(seed, "noise"),
                config.get(TrainSettings.BATCH), config.get(TrainSettings.D_STEPS));
    }

    public long step() {
        return step;
    }

    public StepResult trainStep() {
        double dLoss = Double.NaN;
        for (int k = 0; k < dSteps; k++) {
            dLoss = discriminatorStep();
        }
        double gLoss = generatorStep();
        model.afterGeneratorUpdate();
        step++;
        return new StepResult(step, dLoss, gLoss);
    }

    private double discriminatorStep() {
        Network d = model.discriminator;
        try (NDManager m = model.manager().newSubManager()) {
            NDArray real = realInput.wrap(m, batches().next());
            // Outside the collector autograd is off, so the fake batch carries no graph back to G.
            NDArray fake = model.generator.forward(latent(m), true);
            double value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.discriminatorLoss(d.forward(real, true), d.forward(fake, true));
                NDArray penalty = regulariser.discriminatorPenalty(
                        new PenaltyInputs(x -> d.forward(x, true), real, fake, noise));
                collector.backward(penalty == null ? l : l.add(penalty));
                value = l.getFloat();
            }
            d.update();
            regulariser.afterDiscriminatorUpdate(d.parameters());
            return value;
        }
    }

    private double generatorStep() {
        Network d = model.discriminator;
        // Gradients reach G through D's input; D's own weight gradients are not needed here.
        d.setTracking(false);
        try (NDManager m = model.manager().newSubManager()) {
            double value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray fake = model.generator.forward(latent(m), true);
                NDArray l = loss.generatorLoss(d.forward(fake, true));
                collector.backward(l);
                value = l.getFloat();
            }
            model.generator.update();
            return value;
        } finally {
            d.setTracking(true);
        }
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

    private NDArray latent(NDManager m) {
        model.drawLatent(noise, noiseBuffer);
        return noiseInput.wrap(m, noiseBuffer);
    }

    void save(DataOutputStream out) throws IOException {
        out.writeLong(step);
        writeBytes(out, noise.saveState());
        writeBytes(out, batches != null ? batches.saveState() : sampler.saveState());
        model.save(out);
    }

    void load(DataInputStream in) throws IOException {
        step = in.readLong();
        noise.restoreState(readBytes(in));
        close();
        sampler.restoreState(readBytes(in));
        model.load(in);
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
