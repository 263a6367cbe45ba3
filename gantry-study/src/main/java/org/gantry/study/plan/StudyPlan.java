package org.gantry.study.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.config.ConfigException;
import org.gantry.config.GlobalSettings;
import org.gantry.config.Schema;
import org.gantry.core.run.GantrySchema;
import org.gantry.core.run.Presets;
import org.gantry.core.train.TrainSettings;
import org.gantry.study.search.PointSequence;
import org.gantry.study.search.SearchDimension;
import org.gantry.study.search.SearchStrategies;
import org.gantry.study.spec.StudySettings;
import org.gantry.study.spec.StudySpec;

/**
 * A study's configurations (every factor combination at every search point) and trials (each
 * configuration with each seed). Building it builds every trial's training configuration, so a bad
 * key or value anywhere is an error before the first trial starts.
 */
public final class StudyPlan {
    private final StudySpec spec;
    private final List<Configuration> configurations;
    private final List<Trial> trials;
    private final int steps;
    private final boolean higherIsBetter;
    private final Map<String, Config> trialConfigs = new LinkedHashMap<>();

    private StudyPlan(StudySpec spec, List<Configuration> configurations, int steps, boolean higherIsBetter) {
        this.spec = spec;
        this.configurations = List.copyOf(configurations);
        this.steps = steps;
        this.higherIsBetter = higherIsBetter;
        List<Trial> all = new ArrayList<>();
        int seeds = spec.get(StudySettings.SEEDS);
        long first = spec.get(StudySettings.FIRST_SEED);
        for (Configuration c : configurations) {
            for (int s = 0; s < seeds; s++) {
                all.add(new Trial(Trial.id(c, first + s), c, first + s));
            }
        }
        this.trials = List.copyOf(all);
    }

    /** A fresh plan: configurations numbered in order. */
    public static StudyPlan of(StudySpec spec) {
        return of(spec, Map.of());
    }

    /**
     * A plan whose configurations keep the ids of {@code knownIds} (identity to id, from the plan
     * stored with an earlier run of the study); new ones are numbered after the highest.
     */
    public static StudyPlan of(StudySpec spec, Map<String, String> knownIds) {
        String source = spec.file() == null ? "the study" : "study file '" + spec.file() + "'";
        ConfigBuilder base = baseBuilder(spec, source);
        Config baseConfig = base.build();
        int steps = spec.get(StudySettings.STEPS) != null ? spec.get(StudySettings.STEPS) : baseConfig.get(TrainSettings.STEPS);
        List<Integer> rungs = spec.get(StudySettings.RUNGS);
        if (rungs != null && rungs.get(rungs.size() - 1) >= steps) {
            throw new ConfigException("stopping.rungs " + rungs + " must all lie below the trials' " + steps + " steps (in "
                    + source + ")");
        }
        boolean higher = MetricDirection.higherIsBetter(spec.get(StudySettings.METRIC), spec.get(StudySettings.DIRECTION),
                source);

        List<Map<String, Object>> combos = combinations(spec.factors());
        List<double[]> points = searchPoints(spec);
        int next = knownIds.values().stream().mapToInt(id -> Integer.parseInt(id.substring(1)) + 1).max().orElse(0);
        List<Configuration> configurations = new ArrayList<>();
        for (int p = 0; p < points.size(); p++) {
            for (Map<String, Object> combo : combos) {
                Map<String, Object> settings = new LinkedHashMap<>(combo);
                double[] u = points.get(p);
                for (int d = 0; d < spec.space().size(); d++) {
                    SearchDimension dim = spec.space().get(d);
                    settings.put(dim.key(), dim.value(u[d]));
                }
                String identity = Configuration.identity(settings);
                String id = knownIds.get(identity);
                if (id == null) {
                    id = String.format("c%04d", next++);
                }
                configurations.add(new Configuration(id, settings, spec.space().isEmpty() ? -1 : p));
            }
        }
        StudyPlan plan = new StudyPlan(spec, configurations, steps, higher);
        for (Trial t : plan.trials) {
            plan.trialConfigs.put(t.id(), plan.build(baseConfig, t, source));
        }
        return plan;
    }

    private Config build(Config resolved, Trial trial, String source) {
        ConfigBuilder b = new ConfigBuilder(resolved.schema());
        resolved.values().forEach((k, v) -> b.setRaw(k, resolved.schema().find(k).map(s -> toYaml(s, v)).orElse(v), "base"));
        trial.configuration().settings().forEach((k, v) -> b.setRaw(k, v, "configuration " + trial.configuration().id()
                + " of " + source));
        b.setRaw(GlobalSettings.SEED.key(), trial.seed(), source);
        b.setRaw(TrainSettings.STEPS.key(), steps, source);
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static <T> Object toYaml(org.gantry.config.Setting<T> s, Object v) {
        return v == null ? null : s.type().toYaml((T) v);
    }

    private static ConfigBuilder baseBuilder(StudySpec spec, String source) {
        Schema schema = GantrySchema.create();
        ConfigBuilder b = new ConfigBuilder(schema);
        String preset = spec.get(StudySettings.PRESET) != null ? spec.get(StudySettings.PRESET) : Presets.DEFAULT;
        b.apply(Presets.load(preset), "preset " + preset);
        if (spec.baseConfig() != null) {
            b.applyFile(spec.baseConfig());
        }
        spec.baseSet().forEach((k, v) -> b.setRaw(k, v, "base.set of " + source));
        // Factors and search keys are checked against the schema here, once, with the study's file named.
        ConfigBuilder check = new ConfigBuilder(schema);
        spec.factors().forEach((k, levels) -> levels.forEach(level -> check.setRaw(k, level, "factors of " + source)));
        for (SearchDimension d : spec.space()) {
            check.setRaw(d.key(), d.value(0.0), "search.space of " + source);
            check.setRaw(d.key(), d.value(Math.nextDown(1.0)), "search.space of " + source);
        }
        return b;
    }

    private static List<Map<String, Object>> combinations(Map<String, List<Object>> factors) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> f : factors.entrySet()) {
            List<Map<String, Object>> grown = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (Object level : f.getValue()) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(f.getKey(), level);
                    grown.add(m);
                }
            }
            out = grown;
        }
        return out;
    }

    private static List<double[]> searchPoints(StudySpec spec) {
        if (spec.space().isEmpty()) {
            return List.of(new double[0]);
        }
        PointSequence sequence;
        try {
            sequence = SearchStrategies.create(spec.get(StudySettings.STRATEGY), spec.space().size(),
                    spec.get(StudySettings.SEARCH_SEED));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("search.space has " + spec.space().size() + " keys, too many for search.strategy "
                    + spec.get(StudySettings.STRATEGY) + ": " + e.getMessage());
        }
        return sequence.first(spec.get(StudySettings.POINTS));
    }

    public StudySpec spec() {
        return spec;
    }

    public List<Configuration> configurations() {
        return configurations;
    }

    public List<Trial> trials() {
        return trials;
    }

    /** Generator steps every trial trains for. */
    public int steps() {
        return steps;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The trial's full training configuration, {@code train.steps} the study's budget. */
    public Config config(Trial trial) {
        return trialConfigs.get(trial.id());
    }

    public List<Trial> trialsOf(Configuration c) {
        return trials.stream().filter(t -> t.configuration().id().equals(c.id())).toList();
    }
}
