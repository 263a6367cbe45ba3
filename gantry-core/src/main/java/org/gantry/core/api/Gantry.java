package org.gantry.core.api;

/**
 * Gantry from Java, for programs that do not go through the command line: {@link #train()} starts a
 * typed description of a training run; {@link RunBuilder#run} trains it into a run directory (the
 * same files as {@code gantry train}) and returns a {@link RunResult}; {@link #sample} draws from a
 * trained run through any sampler. The engine is set up there as on the command line: offline, CPU
 * libtorch, the configured threads.
 *
 * <p>Own components join the registries the configuration names them from, before the run is
 * built: a loss with {@code Losses.REGISTRY.register(name, description, config -> loss)}, a
 * network with {@code Architectures.GENERATORS} or {@code DISCRIMINATORS} (an {@code Architecture}
 * builds any DJL {@code Block} for the given shapes), likewise regularisers, dynamics and games.
 */
public final class Gantry {
    private Gantry() {}

    /** A run with Gantry's defaults (the default preset's keys unless {@link RunBuilder#preset} picks another). */
    public static RunBuilder train() {
        return new RunBuilder();
    }

    /** Samples of the run trained into {@code runDirectory}, through a sampler ({@code sample.name}). */
    public static SampleBuilder sample(java.nio.file.Path runDirectory) {
        return new SampleBuilder(runDirectory);
    }
}
