package org.gantry.bench;

import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.game.Games;
import org.gantry.core.model.GanModel;
import org.gantry.core.run.GantrySchema;
import org.gantry.core.run.Presets;
import org.gantry.core.train.GanTrainer;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;

/**
 * One process of {@code bench/contention}: the default preset's training step, timed over
 * {@code STEPS} steps after a warm-up, printed as {@code RATE steps-per-second}.
 * Arguments: {@code STEPS THREADS} (threads 0: one per core, train.threads' default outside the MLP
 * presets, which train on one).
 */
public final class ContentionTrial {
    static final String RATE = "RATE";
    private static final int WARM_UP = 100;

    private ContentionTrial() {}

    public static void main(String[] args) {
        int steps = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        ConfigBuilder b = new ConfigBuilder(GantrySchema.create());
        b.apply(Presets.load(Presets.DEFAULT), "preset " + Presets.DEFAULT);
        b.setRaw("train.threads", threads, "bench");
        Config c = b.build();
        TorchEngine.start(threads);
        Dataset data = DataSets.create(c);
        try (GanModel model = Games.model(c, data);
                GanTrainer trainer = GanTrainer.create(c, model, data)) {
            for (int i = 0; i < WARM_UP; i++) {
                trainer.trainStep();
            }
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                trainer.trainStep();
            }
            System.out.printf("%s %.3f%n", RATE, steps / ((System.nanoTime() - start) / 1e9));
        }
    }
}
