package org.gantry.core.regularise;

import org.gantry.config.Registry;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;

/** Discriminator regularisers by configuration name (key {@code regulariser.name}). */
public final class Regularisers {
    private Regularisers() {}

    public static final Registry<Regulariser> REGISTRY = new Registry<Regulariser>("regulariser")
            .register("none", "no regulariser", c -> new Regulariser() {})
            .register("clip", "weight clipping of the discriminator (WGAN, Arjovsky et al. 2017)",
                    c -> new WeightClipping(c.get(WeightClipping.BOUND)), WeightClipping.BOUND);

    public static final Setting<String> NAME = Setting.of("regulariser.name", ValueType.choice(REGISTRY::names),
            "none", "Discriminator regulariser.");
}
