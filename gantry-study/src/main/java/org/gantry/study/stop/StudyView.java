package org.gantry.study.stop;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gantry.study.plan.Configuration;
import org.gantry.study.plan.StudyPlan;
import org.gantry.study.plan.Trial;
import org.gantry.study.state.Means;
import org.gantry.study.state.TrialState;

/**
 * What a stopping policy sees of a study in progress: the plan, every trial's state, which trials
 * are running, and which configurations the study never stops.
 */
public record StudyView(StudyPlan plan, Map<String, TrialState> states, Set<String> running, Set<String> protectedIds) {

    public TrialState state(Trial t) {
        return states.get(t.id());
    }

    /** A configuration's trials that have not failed. */
    public List<Trial> usable(Configuration c) {
        return plan.trialsOf(c).stream().filter(t -> state(t).status() != TrialState.Status.FAILED).toList();
    }

    /** Whether the policy may still stop the configuration: some trial not failed, none stopped. */
    public boolean live(Configuration c) {
        List<Trial> trials = usable(c);
        return !trials.isEmpty() && trials.stream().noneMatch(t -> state(t).status() == TrialState.Status.STOPPED);
    }

    /** The configuration's metric at {@code step} for each usable trial (seed order), or null when one has none there yet. */
    public double[] valuesAt(Configuration c, int step) {
        Map<Long, Double> bySeed = bySeed(c, step);
        return bySeed == null ? null : bySeed.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The usable trials' metric at {@code step} by seed, or null when one has none there yet. */
    public Map<Long, Double> bySeed(Configuration c, int step) {
        Map<Long, Double> out = new java.util.TreeMap<>();
        for (Trial t : usable(c)) {
            Double v = state(t).valueAt(step);
            if (v == null || v.isNaN()) {
                return null;
            }
            out.put(t.seed(), v);
        }
        return out;
    }

    /** The mean, negated when higher is better, so that smaller is better. */
    public double orientedMean(double[] values) {
        return Means.oriented(values, plan.higherIsBetter());
    }

    public boolean isProtected(Configuration c) {
        return protectedIds.contains(c.id());
    }
}
