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
    /** The configuration and data set of the settings so far, loaded once for checks and the draw alike. */
    private Source source;

    SampleBuilder(Path run) {
        this.run = run;
    }

    /** {@code latest} (the default), {@code best} or the path of a checkpoint file. */
    public SampleBuilder checkpoint(String choice) {
        checkpoint = choice;
        source = null;
        return this;
    }

    /** The sampler by registry name: direct, truncation, drs, mh_gan, rep_gan (default: the run's sample.name). */
    public SampleBuilder sampler(String name) {
        assignments.add(b -> b.setRaw(Samplers.NAME.key(), name, "sampler"));
        source = null;
        return this;
    }

    /** A sampler setting as on the command line, e.g. {@code sample.gamma=p80}; other keys are refused. */
    public SampleBuilder set(String assignment) {
        Samplers.requireSamplerAssignment(assignment);
        assignments.add(b -> b.set(assignment));
        source = null;
        return this;
    }

    /** The seed of the draw (default: the run's seed). */
    public SampleBuilder seed(long seed) {
        this.seed = seed;
        source = null;
        return this;
    }

    /** libtorch threads; 0 (the default) means one per core. */
    public SampleBuilder threads(int threads) {
        this.threads = threads;
        source = null;
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
        return source().data().exampleShape();
    }

    /**
     * Geodesics between {@code pairs} pairs of latent points drawn from the prior with the draw's
     * seed, each curve of {@code segments} pieces optimised for {@code iterations} Adam steps.
     */
    public GeodesicResult geodesics(int pairs, int segments, int iterations, double learningRate) throws IOException {
        Source source = source();
        long drawSeed = source.seed();
        try (TrainedRun g = source.open()) {
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
            return new GeodesicResult(results, source.origin(g));
        }
    }

    /** {@code count} samples of the run through the sampler. */
    public SampleResult draw(int count) throws IOException {
        Source source = source();
        Config config = source.config();
        Dataset data = source.data();
        long drawSeed = source.seed();
        if (count < 1 || (long) count * data.exampleLength() > Integer.MAX_VALUE - 8) {
            throw new ConfigException(count + " samples of " + data.exampleLength() + " values each are not allowed; "
                    + "allowed: 1 to " + (Integer.MAX_VALUE - 8) / data.exampleLength() + " (one array holds them)");
        }
        try (TrainedRun g = source.open()) {
            long t0 = System.nanoTime();
            Sampled drawn = g.sample(count, Rng.forPurpose(drawSeed, "gantry-sample"));
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new SampleResult(drawn, source.origin(g), config.get(Samplers.NAME), Samplers.settingsOf(config),
                    seconds, g.target().heldOutDescription());
        }
    }

    /** The configuration, seed and data a draw reads, with the engine started; {@link #open} loads the run. */
    private record Source(Config config, long seed, Dataset data, Path run, String checkpoint) {
        TrainedRun open() throws IOException {
            return TrainedRun.open(config, data, run, checkpoint);
        }

        Origin origin(TrainedRun g) {
            return new Origin(data.name(), data.exampleShape(), data.mixture(), g.checkpoint(), g.step(), seed);
        }
    }

    private Source source() {
        if (source == null) {
            Config config = config();
            TorchEngine.start(threads);
            source = new Source(config, seed != null ? seed : config.get(GlobalSettings.SEED), DataSets.create(config),
                    run, checkpoint);
        }
        return source;
    }
}
