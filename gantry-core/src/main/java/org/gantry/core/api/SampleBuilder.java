package org.gantry.core.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.config.ConfigException;
import org.gantry.config.GlobalSettings;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.evaluate.TrainedRun;
import org.gantry.core.latent.Geodesic;
import org.gantry.core.run.GantrySchema;
import org.gantry.core.run.TrainingRun;
import org.gantry.core.sample.Sampled;
import org.gantry.core.sample.Samplers;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.random.Rng;

/**
 * Samples of a trained run, described in Java: which checkpoint, which sampler with which
 * {@code sample.*} settings, which seed. {@link #draw} loads the run and returns the samples with
 * what they cost; the same settings and seed give the same samples.
 */
public final class SampleBuilder {
    private final Path run;
    private String checkpoint = "latest";
    private Long seed;
    private int threads;
    private final List<Consumer<ConfigBuilder>> assignments = new ArrayList<>();
    /**
     * The configuration and data set of the sampler settings so far, read once for checks and draws
     * alike; only {@link #sampler} and {@link #set} change them.
     */
    private Loaded loaded;

    SampleBuilder(Path run) {
        this.run = run;
    }

    /** {@code latest} (the default), {@code best} or the path of a checkpoint file. */
    public SampleBuilder checkpoint(String choice) {
        checkpoint = choice;
        return this;
    }

    /** The sampler by registry name: direct, truncation, drs, mh_gan, rep_gan (default: the run's sample.name). */
    public SampleBuilder sampler(String name) {
        assignments.add(b -> b.setRaw(Samplers.NAME.key(), name, "sampler"));
        loaded = null;
        return this;
    }

    /** A sampler setting as on the command line, e.g. {@code sample.gamma=p80}; other keys are refused. */
    public SampleBuilder set(String assignment) {
        Samplers.requireSamplerAssignment(assignment);
        assignments.add(b -> b.set(assignment));
        loaded = null;
        return this;
    }

    /** The seed of the draw (default: the run's seed). */
    public SampleBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** libtorch threads; 0 (the default) means one per core. */
    public SampleBuilder threads(int threads) {
        this.threads = threads;
        return this;
    }

    /** The run's configuration with this draw's sampler settings. */
    public Config config() {
        ConfigBuilder b = TrainingRun.configOf(run, new ConfigBuilder(GantrySchema.create()));
        assignments.forEach(a -> a.accept(b));
        return b.build();
    }

    /** One example's shape in the run's data set, e.g. to check an output format before drawing. */
    public int[] exampleShape() {
        return loaded().data().exampleShape();
    }

    /**
     * Geodesics between {@code pairs} pairs of latent points drawn from the prior with the draw's
     * seed, each curve of {@code segments} pieces optimised for {@code iterations} Adam steps.
     */
    public GeodesicResult geodesics(int pairs, int segments, int iterations, double learningRate) throws IOException {
        Loaded input = loaded();
        long drawSeed = drawSeed(input.config());
        try (TrainedRun g = open(input)) {
            if (g.latentSpace().hasCodes() || g.latentSpace().uniformNoise()) {
                throw new ConfigException("geodesics need a latent space of normal noise alone (g.z_dist=normal, no "
                        + "latent codes): a curve would leave the codes' one-hot values or the uniform noise's box");
            }
            Rng rng = Rng.forPurpose(drawSeed, "gantry-geodesic");
            Geodesic geodesic = new Geodesic(segments, iterations, learningRate);
            List<Geodesic.Result> results = new ArrayList<>();
            int size = g.latentSpace().size();
            for (int p = 0; p < pairs; p++) {
                float[] ends = new float[2 * size];
                g.latentSpace().draw(rng, ends);
                results.add(geodesic.between(g.generatorMap(), java.util.Arrays.copyOf(ends, size),
                        java.util.Arrays.copyOfRange(ends, size, 2 * size)));
            }
            return new GeodesicResult(results, origin(input.data(), g, drawSeed));
        }
    }

    /** {@code count} samples of the run through the sampler. */
    public SampleResult draw(int count) throws IOException {
        Loaded input = loaded();
        Config config = input.config();
        Dataset data = input.data();
        long drawSeed = drawSeed(config);
        if (count < 1 || (long) count * data.exampleLength() > Integer.MAX_VALUE - 8) {
            throw new ConfigException(count + " samples of " + data.exampleLength() + " values each are not allowed; "
                    + "allowed: 1 to " + (Integer.MAX_VALUE - 8) / data.exampleLength() + " (one array holds them)");
        }
        try (TrainedRun g = open(input)) {
            long t0 = System.nanoTime();
            Sampled drawn = g.sample(count, Rng.forPurpose(drawSeed, "gantry-sample"));
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new SampleResult(drawn, origin(data, g, drawSeed), config.get(Samplers.NAME),
                    Samplers.settingsOf(config), seconds, g.target().heldOutDescription());
        }
    }

    /** The run's configuration with the sampler settings, and the data set it names. */
    private record Loaded(Config config, Dataset data) {}

    private Loaded loaded() {
        if (loaded == null) {
            Config config = config();
            loaded = new Loaded(config, DataSets.create(config));
        }
        return loaded;
    }

    private long drawSeed(Config config) {
        return seed != null ? seed : config.get(GlobalSettings.SEED);
    }

    /** Sets the engine's threads (process-wide, so at every draw) and loads the checkpoint. */
    private TrainedRun open(Loaded input) throws IOException {
        TorchEngine.start(threads);
        return TrainedRun.open(input.config(), input.data(), run, checkpoint);
    }

    private static Origin origin(Dataset data, TrainedRun g, long drawSeed) {
        return new Origin(data.name(), data.exampleShape(), data.mixture(), g.checkpoint(), g.step(), drawSeed);
    }
}
