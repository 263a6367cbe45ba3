package org.gantry.core.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.config.Registry;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;

/** Samplers by configuration name (key {@code sample.name}), with their settings. */
public final class Samplers {
    private Samplers() {}

    public static final Setting<Double> THRESHOLD = Setting.of("sample.threshold", ValueType.real(1e-3, 1e3), 1.0,
            "truncation: noise coordinates beyond ±threshold are drawn again.");
    public static final Setting<Boolean> CALIBRATE = Setting.of("sample.calibrate", ValueType.bool(), true,
            "drs, mh_gan, rep_gan: Platt-scale the critic's logit on held-out real and generated examples first.");
    public static final Setting<Integer> CALIBRATION_SAMPLES = Setting.of("sample.calibration_samples",
            ValueType.integer(10, 1_000_000), 5000,
            "drs, mh_gan, rep_gan: real and generated examples each for the calibration (at most the held-out data).");
    public static final Setting<Integer> BURN_IN = Setting.of("sample.burn_in", ValueType.integer(1, 10_000_000), 10_000,
            "drs: generated examples whose largest logit starts D_M.");
    public static final Setting<String> GAMMA = Setting.of("sample.gamma", new ValueType<>() {
        @Override
        protected String parseRaw(Object raw) {
            RejectionSampler.Gamma.parse(raw.toString());
            return raw.toString().trim();
        }

        @Override
        public String allowed() {
            return "a number (0: exact rejection sampling) or pN with N in [0, 100], e.g. p95";
        }
    }, "p95",
            "drs: the shift γ of F(x), a number (0: exact rejection sampling) or pN, the N-th percentile of F over each "
                    + "batch of 1,024 proposals.");
    public static final Setting<Integer> STEPS = Setting.of("sample.steps", ValueType.integer(1, 1_000_000), 640,
            "mh_gan, rep_gan: Markov-chain steps per sample.");
    public static final Setting<Double> STEP_SIZE = Setting.of("sample.step_size", ValueType.real(0, 100), 0.01,
            "rep_gan: Langevin step size τ.");
    public static final Setting<Double> NOISE = Setting.of("sample.noise", ValueType.real(1e-6, 100), 0.1,
            "rep_gan: Langevin noise scale η.");

    public static final Registry<Sampler> REGISTRY = new Registry<Sampler>("sampler")
            .register("direct", "x = G(z), z ~ N(0, I)", c -> new DirectSampler())
            .register("truncation", "z drawn from the prior truncated to ±sample.threshold",
                    c -> new TruncationSampler(c.get(THRESHOLD)), THRESHOLD)
            .register("drs", "discriminator rejection sampling (Azadi et al. 2019)",
                    c -> new RejectionSampler(c.get(CALIBRATE), c.get(CALIBRATION_SAMPLES), c.get(BURN_IN), RejectionSampler.Gamma.parse(c.get(GAMMA))),
                    CALIBRATE, CALIBRATION_SAMPLES, BURN_IN, GAMMA)
            .register("mh_gan", "Metropolis-Hastings GAN, independent proposals (Turner et al. 2019)",
                    c -> new IndependentMetropolisSampler(c.get(CALIBRATE), c.get(CALIBRATION_SAMPLES), c.get(STEPS)),
                    CALIBRATE, CALIBRATION_SAMPLES, STEPS)
            .register("rep_gan", "REP-GAN, Langevin chains in latent space (Wang et al. 2021)",
                    c -> new LatentLangevinSampler(c.get(CALIBRATE), c.get(CALIBRATION_SAMPLES), c.get(STEPS),
                            c.get(STEP_SIZE), c.get(NOISE)), CALIBRATE, CALIBRATION_SAMPLES, STEPS, STEP_SIZE, NOISE);

    public static final Setting<String> NAME = Setting.of("sample.name", ValueType.choice(REGISTRY::names), "direct",
            "How samples are drawn from the trained generator: for evaluation during training, gantry eval and gantry "
                    + "sample.");

    /** The chosen sampler's own settings (sample.name aside) with their values, for reports. */
    public static Map<String, Object> settingsOf(Config config) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Registry.Entry<Sampler> e : REGISTRY.entries()) {
            if (e.name().equals(config.get(NAME))) {
                e.settings().forEach(s -> settings.put(s.key(), config.get(s)));
            }
        }
        return settings;
    }

    /**
     * Refuses a {@code key=value} that is not a sampler setting: drawing from a trained run may
     * change how it is sampled, never the run itself, which its checkpoint fixes.
     */
    public static void requireSamplerAssignment(String assignment) {
        if (!assignment.trim().startsWith("sample.")) {
            throw new ConfigException("--set " + assignment + ": only sampler settings (sample.*) can be changed here; the "
                    + "run's other settings are fixed by its checkpoint");
        }
    }
}
