package org.gantry.core.train;

import org.gantry.config.Setting;
import org.gantry.config.ValueType;

/** Settings of the training loop and of what a run writes. */
public final class TrainSettings {
    private TrainSettings() {}

    public static final Setting<Integer> STEPS = Setting.of("train.steps", ValueType.integer(1, Integer.MAX_VALUE),
            20_000, "Generator steps to train for.");
    public static final Setting<Integer> BATCH = Setting.of("train.batch", ValueType.integer(2, 1 << 20), 100,
            "Examples per mini-batch, for real and generated batches alike; at least 2, since batch norm and "
                    + "minibatch features compute statistics over the batch.");
    public static final Setting<Integer> D_STEPS = Setting.of("train.d_steps", ValueType.integer(1, 1000), 1,
            "Discriminator steps per generator step, each on a fresh batch.");
    public static final Setting<Integer> THREADS = Setting.of("train.threads", ValueType.integer(0, 1024), 0,
            "Intra-op threads of the engine; 0 uses one per core.");
    public static final Setting<Integer> EVAL_EVERY = Setting.of("eval.every", ValueType.integer(0, Integer.MAX_VALUE),
            2000, "Evaluate (metrics and a sample plot) every this many steps, and always at the end; 0: only at the end.");
    public static final Setting<Integer> CHECKPOINT_EVERY = Setting.of("output.checkpoint_every",
            ValueType.integer(0, Integer.MAX_VALUE), 2000,
            "Write a checkpoint every this many steps, and always at the end; 0: only at the end.");
    public static final Setting<Integer> KEEP_CHECKPOINTS = Setting.of("output.keep_checkpoints",
            ValueType.integer(1, 1000), 2, "How many of the newest checkpoints to keep.");
    public static final Setting<Integer> LOG_EVERY = Setting.of("output.log_every", ValueType.integer(1, Integer.MAX_VALUE),
            1000, "When output is not a terminal, print a progress line every this many steps.");
}
