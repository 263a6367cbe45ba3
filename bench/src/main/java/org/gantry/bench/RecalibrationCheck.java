package org.gantry.bench;

import java.nio.file.Path;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.evaluate.ExampleBatches;
import org.gantry.core.evaluate.ReconstructionError;
import org.gantry.core.evaluate.TrainedRun;
import org.gantry.core.game.Game;
import org.gantry.core.game.Games;
import org.gantry.core.model.GanModel;
import org.gantry.core.run.GantrySchema;
import org.gantry.core.run.TrainingRun;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;

/**
 * Whether an auto-encoder's held-out reconstruction error is held back by stale batch-norm running
 * statistics: for each run directory, the test error with the checkpoint's statistics, then again
 * after training-mode passes over the first 5,000 training examples (batches of 100) have set
 * them anew. {@code bench/recalibration RUN_DIR...}
 */
public final class RecalibrationCheck {
    private static final int EXAMPLES = 5000;
    private static final int BATCH = 100;

    private RecalibrationCheck() {}

    public static void main(String[] args) throws Exception {
        TorchEngine.start(1);
        System.out.println("| run | test reconstruction | after recalibration |");
        System.out.println("|---|---|---|");
        for (String run : args) {
            Path dir = Path.of(run);
            Config config = TrainingRun.configOf(dir, new ConfigBuilder(GantrySchema.create())).build();
            Dataset train = DataSets.create(config);
            Dataset test = DataSets.testSplit(config);
            Game game = Games.create(config);
            if (!game.encodes()) {
                throw new IllegalArgumentException(run + ": game.name=" + config.get(Games.NAME) + " trains no encoder");
            }
            try (TrainedRun trained = TrainedRun.open(config, train, dir, "latest")) {
                GanModel model = trained.model();
                double before = ReconstructionError.of(model, game, test);
                ExampleBatches.forEach(train, Math.min(EXAMPLES, train.size()), BATCH, model.manager(),
                        (start, x, examples) -> model.generator().forward(game.encode(model, examples, true), true));
                System.out.printf("| %s | %.2f | %.2f |%n", dir.getFileName(), before,
                        ReconstructionError.of(model, game, test));
            }
        }
    }
}
