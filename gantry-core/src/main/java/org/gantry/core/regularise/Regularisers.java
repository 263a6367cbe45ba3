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
                    c -> new WeightClipping(c.get(WeightClipping.BOUND)), WeightClipping.BOUND)
            .register("r1", "R1 gradient penalty at real samples (Mescheder et al. 2018), gamma = regulariser.weight",
                    c -> new R1Penalty(c.get(GradientPenalty.WEIGHT)), GradientPenalty.WEIGHT)
            .register("r2", "R2 gradient penalty at generated samples (Mescheder et al. 2018)",
                    c -> new R2Penalty(c.get(GradientPenalty.WEIGHT)), GradientPenalty.WEIGHT)
            .register("wgan_gp", "WGAN-GP: unit gradient norm between real and generated (Gulrajani et al. 2017)",
                    c -> new WganGpPenalty(c.get(GradientPenalty.WEIGHT)), GradientPenalty.WEIGHT)
            .register("dragan", "DRAGAN: unit gradient norm around perturbed real samples (Kodali et al. 2017)",
                    c -> new DraganPenalty(c.get(GradientPenalty.WEIGHT)), GradientPenalty.WEIGHT);

    public static final Setting<String> NAME = Setting.of("regulariser.name", ValueType.choice(REGISTRY::names),
            "none", "Discriminator regulariser.");
}
