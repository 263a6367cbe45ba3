package org.gantry.core;

import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.run.GantrySchema;

/** Small, fast configurations for tests. */
public final class TestConfigs {
    private TestConfigs() {}

    /** Tiny networks on the ring; {@code sets} are {@code key=value} overrides. */
    public static Config tiny(String... sets) {
        TorchEngine.start(1);
        ConfigBuilder b = new ConfigBuilder(GantrySchema.create());
        for (String s : new String[] {"data.size=2000", "g.widths=32,32", "d.arch=mlp", "d.widths=32,32",
            "train.batch=32", "train.steps=20", "eval.samples=200", "eval.every=10", "output.checkpoint_every=10",
            "train.threads=1"}) {
            b.set(s);
        }
        for (String s : sets) {
            b.set(s);
        }
        return b.build();
    }
}
