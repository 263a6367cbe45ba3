package org.gantry.study.stop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.gantry.study.plan.Configuration;
import org.gantry.study.plan.StudyPlan;
import org.gantry.study.spec.StudySettings;
import org.gantry.study.spec.StudySpec;

/** The policy a study names under {@code stopping.policy}, and the configurations it never stops. */
public final class StoppingPolicies {
    private StoppingPolicies() {}

    public static StoppingPolicy create(StudySpec spec) {
        return switch (spec.get(StudySettings.POLICY)) {
            case "racing" -> new Racing(spec.get(StudySettings.RUNGS), spec.get(StudySettings.DELTA));
            case "asha" -> new SuccessiveHalving(spec.get(StudySettings.RUNGS), spec.get(StudySettings.ETA));
            default -> new NoStopping();
        };
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
