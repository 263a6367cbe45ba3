package org.gantry.core.sample;

import org.gantry.config.Registry;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;

/** Samplers by configuration name (key {@code eval.sampler}). */
public final class Samplers {
    private Samplers() {}

    public static final Registry<Sampler> REGISTRY = new Registry<Sampler>("sampler")
            .register("direct", "x = G(z), z ~ N(0, I)", c -> new DirectSampler());

    public static final Setting<String> NAME = Setting.of("eval.sampler", ValueType.choice(REGISTRY::names), "direct",
            "How evaluation draws samples from the generator.");
}
