package org.gantry.core.run;

import org.gantry.config.GlobalSettings;
import org.gantry.config.Schema;
import org.gantry.core.checkpoint.BestCheckpoint;
import org.gantry.core.evaluate.FeatureNetworks;
import org.gantry.core.game.Games;
import org.gantry.core.loss.Losses;
import org.gantry.core.model.NetworkAverage;
import org.gantry.core.nn.Architectures;
import org.gantry.core.optim.OptimizerSettings;
import org.gantry.core.output.SampleGrids;
import org.gantry.core.regularise.Regularisers;
import org.gantry.core.sample.Samplers;
import org.gantry.core.train.Dynamics;
import org.gantry.core.train.TrainSettings;
import org.gantry.data.DataSets;
import org.gantry.eval.Metrics;

/**
 * Every configuration key Gantry knows, gathered from the components that declare them. This is
 * the single list that {@code gantry train --describe} prints and that config files are checked
 * against.
 */
public final class GantrySchema {
    private GantrySchema() {}

    public static Schema create() {
        Schema s = new Schema();
        s.add(GlobalSettings.SEED);
        s.add(DataSets.NAME).addAll(DataSets.REGISTRY.settings());
        s.add(Games.NAME).addAll(Games.REGISTRY.settings());
        s.add(Losses.NAME).addAll(Losses.REGISTRY.settings());
        s.add(Regularisers.NAME).addAll(Regularisers.REGISTRY.settings());
        s.add(Dynamics.NAME).addAll(Dynamics.REGISTRY.settings());
        s.add(Dynamics.GENERATOR_OBJECTIVE, Dynamics.HISTORICAL_AVERAGING);
        s.add(Architectures.Z_DIM, Architectures.Z_DISTRIBUTION, Architectures.G_ARCH).addAll(Architectures.GENERATORS.settings());
        s.addAll(OptimizerSettings.GENERATOR.all());
        s.add(Architectures.D_ARCH, Architectures.D_PACK).addAll(Architectures.DISCRIMINATORS.settings());
        s.addAll(OptimizerSettings.DISCRIMINATOR.all());
        s.add(TrainSettings.STEPS, TrainSettings.BATCH, TrainSettings.D_STEPS, NetworkAverage.GENERATOR_DECAY,
                NetworkAverage.CRITIC_DECAY, TrainSettings.THREADS);
        s.add(TrainSettings.EVAL_EVERY, Metrics.NAMES, Metrics.SAMPLES, Metrics.REFERENCE_SAMPLES,
                FeatureNetworks.NETWORK, BestCheckpoint.METRIC).addAll(Metrics.REGISTRY.settings());
        s.add(Samplers.NAME).addAll(Samplers.REGISTRY.settings()).rename("eval.sampler", Samplers.NAME.key());
        s.add(TrainSettings.CHECKPOINT_EVERY, TrainSettings.KEEP_CHECKPOINTS, TrainSettings.LOG_EVERY, SampleGrids.CELLS);
        return s;
    }
}
