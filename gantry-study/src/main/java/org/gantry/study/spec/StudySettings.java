package org.gantry.study.spec;

import java.util.List;
import java.util.Set;
import org.gantry.config.Schema;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.study.search.SearchStrategies;

/**
 * The keys of a study file other than its three free-form sections ({@code base.set},
 * {@code factors}, {@code search.space}, whose keys are training keys). {@code gantry study
 * describe} lists them.
 */
public final class StudySettings {
    private StudySettings() {}

    /**
     * The stopping policies' names. The policies live in a higher layer (they read plans), so their
     * registry cannot feed this list; a contract test holds the two equal.
     */
    public static final List<String> POLICIES = List.of("none", "racing", "asha");

    public static final Setting<String> NAME = Setting.of("name", ValueType.text(), null,
            "The study's name (default: the study file's name without .yaml).");
    public static final Setting<String> PRESET = Setting.of("base.preset", ValueType.text(), null,
            "Preset every trial starts from (gantry presets lists them); default: the default preset.");
    public static final Setting<String> CONFIG = Setting.of("base.config", ValueType.text(), null,
            "A training YAML file every trial applies after the preset (relative to the study file).");
    public static final Setting<String> STRATEGY = Setting.of("search.strategy",
            ValueType.choice(SearchStrategies::names), "sobol",
            "How search.space is sampled: sobol, halton, random (extendable sequences) or grid.");
    public static final Setting<Integer> POINTS = Setting.of("search.points", ValueType.integer(1, 100_000), 8,
            "Points of search.space (each crossed with every factor combination); ignored without a space.");
    public static final Setting<Long> SEARCH_SEED = Setting.of("search.seed", ValueType.longInteger(), 0L,
            "Seed of the search sequence's scrambling (or of random points).");
    public static final Setting<Integer> SEEDS = Setting.of("seeds", ValueType.integer(1, 10_000), 3,
            "Training seeds per configuration (first_seed, first_seed + 1, ...); every configuration uses the same ones.");
    public static final Setting<Long> FIRST_SEED = Setting.of("first_seed", ValueType.longInteger(), 0L,
            "The first training seed.");
    public static final Setting<Integer> STEPS = Setting.of("steps", ValueType.integer(1, Integer.MAX_VALUE), null,
            "Generator steps per trial (default: the base's train.steps).");
    public static final Setting<String> METRIC = Setting.of("metric.name", ValueType.text(), null,
            "The metric compared across trials, as its runs report it (fid, kid, hq_fraction, modes, ...). Required.");
    public static final Setting<String> DIRECTION = Setting.of("metric.direction",
            ValueType.choice(() -> List.of("auto", "lower", "higher")), "auto",
            "Whether lower or higher is better; auto takes the metric's own direction.");
    public static final Setting<String> POLICY = Setting.of("stopping.policy",
            ValueType.choice(() -> POLICIES), "none",
            "Early stopping: none, racing (paired test over seeds, Holm-corrected) or asha (successive halving).");
    public static final Setting<List<Integer>> RUNGS = Setting.of("stopping.rungs", ValueType.intList(1), null,
            "Steps at which racing or asha decide, increasing, each below steps. Required with a policy.");
    public static final Setting<Double> DELTA = Setting.of("stopping.delta", ValueType.real(1e-9, 0.5), 0.05,
            "Racing: stop a configuration when it is worse than the best at confidence 1 - delta (family-wise, Holm).");
    public static final Setting<Double> KEEP = Setting.of("stopping.keep", ValueType.real(0, 1), 0.25,
            "Fraction of configurations never stopped, so the report can show what stopping would have cost.");
    public static final Setting<Integer> ETA = Setting.of("stopping.eta", ValueType.integer(2, 1000), 3,
            "ASHA: promote the best 1/eta of the configurations at each rung.");
    public static final Setting<Long> STOPPING_SEED = Setting.of("stopping.seed", ValueType.longInteger(), 0L,
            "Seed that picks the configurations never stopped.");
    public static final Setting<Integer> WORKERS = Setting.of("workers", ValueType.integer(0, 4096), 0,
            "Worker JVMs of the local pool; 0: the cores divided by train.threads.");
    public static final Setting<Integer> RETRIES = Setting.of("retries", ValueType.integer(0, 1000), 2,
            "How often a crashed or killed trial is restarted from its last checkpoint before it counts as failed.");

    /** Sections whose keys are training keys, read as they are rather than through the schema. */
    public static final Set<String> FREE_SECTIONS = Set.of("base.set", "factors", "search.space");

    public static Schema schema() {
        return new Schema("gantry study describe").add(NAME, PRESET, CONFIG, STRATEGY, POINTS, SEARCH_SEED, SEEDS,
                FIRST_SEED, STEPS, METRIC, DIRECTION, POLICY, RUNGS, DELTA, KEEP, ETA, STOPPING_SEED, WORKERS, RETRIES);
    }
}
