package org.gantry.study.stop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.gantry.study.plan.Configuration;
import org.gantry.study.plan.StudyPlan;
import org.gantry.study.spec.StudySettings;
import org.gantry.study.spec.StudySpec;

/** The policies a study names under {@code stopping.policy}, and the configurations a policy never stops. */
public final class StoppingPolicies {
    private static final Map<String, Function<StudySpec, StoppingPolicy>> FACTORIES = new LinkedHashMap<>();

    static {
        register("none", spec -> new NoStopping());
        register("racing", spec -> new Racing(spec.get(StudySettings.RUNGS), spec.get(StudySettings.DELTA)));
        register("asha", spec -> new SuccessiveHalving(spec.get(StudySettings.RUNGS), spec.get(StudySettings.ETA)));
    }

    private StoppingPolicies() {}

    /** Adds a policy; its name becomes a value of {@code stopping.policy}. */
    public static synchronized void register(String name, Function<StudySpec, StoppingPolicy> factory) {
        FACTORIES.put(name, factory);
    }

    public static synchronized List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    public static synchronized StoppingPolicy create(StudySpec spec) {
        Function<StudySpec, StoppingPolicy> f = FACTORIES.get(spec.get(StudySettings.POLICY));
        if (f == null) {
            throw new IllegalArgumentException("no stopping policy '" + spec.get(StudySettings.POLICY) + "'");
        }
        return f.apply(spec);
    }

    /**
     * The configurations never stopped: the {@code stopping.keep} share (rounded up) that ranks first
     * under a seeded random key of each id, so the choice does not depend on the plan's order.
     */
    public static Set<String> protectedIds(StudyPlan plan) {
        StudySpec spec = plan.spec();
        if ("none".equals(spec.get(StudySettings.POLICY))) {
            return Set.of();
        }
        long seed = spec.get(StudySettings.STOPPING_SEED);
        List<Configuration> all = new ArrayList<>(plan.configurations());
        all.sort(Comparator.comparingDouble((Configuration c) -> new SplittableRandom(seed * 0x9E3779B97F4A7C15L
                + c.id().hashCode()).nextDouble()).thenComparing(Configuration::id));
        int keep = (int) Math.ceil(spec.get(StudySettings.KEEP) * all.size() - 1e-9);
        Set<String> out = new HashSet<>();
        all.subList(0, keep).forEach(c -> out.add(c.id()));
        return out;
    }
}
