package org.gantry.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.game.Games;
import org.gantry.core.model.GanModel;
import org.gantry.core.run.GantrySchema;
import org.gantry.core.run.Presets;
import org.gantry.core.train.GanTrainer;
import org.gantry.core.train.TrainSettings;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;

/**
 * Gantry's side of a step comparison: the model and trainer that {@code gantry train --preset
 * dcgan-mnist} (or another preset) would build, stepped one training step at a time. It also notes the
 * memory when the step count reaches chosen marks (outside the timed interval).
 */
final class GantryStepper implements AutoCloseable {
    static final String PRESET = "dcgan-mnist";
    private final GanModel model;
    private final GanTrainer trainer;
    private final Map<Long, MemorySample> memory = new LinkedHashMap<>();

    /**
     * Memory at one step: resident set, and the Java heap's committed and used parts, which tell
     * heap growth (the collector sizing its heap) apart from native growth (libtorch).
     */
    record MemorySample(double rssMiB, double heapCommittedMiB, double heapUsedMiB) {
        static final MemorySample NONE = new MemorySample(Double.NaN, Double.NaN, Double.NaN);

        static MemorySample now() {
            Runtime r = Runtime.getRuntime();
            double mib = 1024.0 * 1024.0;
            return new MemorySample(ResidentMemory.currentMiB(), r.totalMemory() / mib,
                    (r.totalMemory() - r.freeMemory()) / mib);
        }
    }

    /** Builds the preset's configuration with data.path, train.threads and seed set, as the CLI would. */
    static Config config(Path mnist, int threads, long seed) {
        return builder(mnist, threads, seed).build();
    }

    /** {@link #config} before it is built, for further keys. */
    static ConfigBuilder builder(Path mnist, int threads, long seed) {
        return builder(PRESET, mnist, threads, seed);
    }

    /** Any preset's configuration, with data.path (unless null), train.threads and seed set. */
    static ConfigBuilder builder(String preset, Path data, int threads, long seed) {
        ConfigBuilder b = new ConfigBuilder(GantrySchema.create());
        b.apply(Presets.load(preset), "preset " + preset);
        if (data != null) {
            b.setRaw("data.path", data.toString(), "--mnist");
        }
        b.setRaw("train.threads", threads, "--threads");
        b.setRaw("seed", seed, "--seed");
        return b;
    }

    /** The intra-op threads a run of {@code preset} trains with: its train.threads, 0 meaning every processor. */
    static int presetThreads(String preset) {
        ConfigBuilder b = new ConfigBuilder(GantrySchema.create());
        b.apply(Presets.load(preset), "preset " + preset);
        int threads = b.build().get(TrainSettings.THREADS);
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** @param memoryMarks step counts at which to record the memory */
    GantryStepper(Config config, int threads, long... memoryMarks) {
        TorchEngine.start(threads);
        Dataset data = DataSets.create(config);
        model = Games.model(config, data);
        trainer = GanTrainer.create(config, model, data);
        for (long m : memoryMarks) {
            memory.put(m, MemorySample.NONE);
        }
    }

    /** One training step; its wall time in milliseconds. */
    double timedStep() {
        long start = System.nanoTime();
        trainer.trainStep();
        double ms = (System.nanoTime() - start) / 1e6;
        if (memory.containsKey(trainer.step())) {
            memory.put(trainer.step(), MemorySample.now());
        }
        return ms;
    }

    long steps() {
        return trainer.step();
    }

    /** The memory recorded at each mark, in step order; NaN fields where that step was not reached. */
    Map<Long, MemorySample> memorySeries() {
        return new TreeMap<>(memory);
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
