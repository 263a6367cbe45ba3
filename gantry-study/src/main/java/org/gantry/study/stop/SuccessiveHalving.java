package org.gantry.study.stop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.gantry.study.plan.Configuration;
import org.gantry.study.plan.Trial;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020): every configuration trains to the first
 * rung; one that has finished a rung goes on as soon as it ranks among the best 1/eta of the
 * configurations that have finished that rung so far, without waiting for the others. Segments
 * that promote run before new configurations start. When nothing else can run, a rung from which
 * no configuration has been promoted promotes its best (fewer than eta configurations finished
 * it), so the full budget is always reached by someone; the rest stop.
 */
public final class SuccessiveHalving implements StoppingPolicy {
    private final List<Integer> rungs;
    private final int eta;
    private final List<Set<String>> promoted = new ArrayList<>();

    public SuccessiveHalving(List<Integer> rungs, int eta) {
        this.rungs = List.copyOf(rungs);
        this.eta = eta;
        rungs.forEach(r -> promoted.add(new HashSet<>()));
    }

    @Override
    public OptionalInt next(Trial trial, StudyView view) {
        int step = view.state(trial).step();
        int reached = 0;
        while (reached < rungs.size() && rungs.get(reached) <= step) {
            reached++;
        }
        int target = reached < rungs.size() ? rungs.get(reached) : view.plan().steps();
        if (reached == 0 || step > rungs.get(reached - 1) || promoted.get(reached - 1).contains(trial.configuration().id())) {
            return OptionalInt.of(target);
        }
        return OptionalInt.empty();
    }

    @Override
    public int priority(Trial trial, int target) {
        return target;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("promoted", promoted.stream().map(p -> p.stream().sorted().toList()).toList());
        return s;
    }

    @Override
    public void restore(Map<String, Object> state) {
        if (state.get("promoted") instanceof List<?> saved) {
            for (int i = 0; i < Math.min(saved.size(), promoted.size()); i++) {
                if (saved.get(i) instanceof List<?> ids) {
                    for (Object id : ids) {
                        promoted.get(i).add(String.valueOf(id));
                    }
                }
            }
        }
    }

    @Override
    public List<Decision> decide(StudyView view) {
        for (int i = 0; i < rungs.size(); i++) {
            List<Configuration> ranked = ranked(view, rungs.get(i));
            int top = ranked.size() / eta;
            for (int k = 0; k < ranked.size(); k++) {
                Configuration c = ranked.get(k);
                if (k < top || view.isProtected(c)) {
                    promoted.get(i).add(c.id());
                }
            }
        }
        return List.of();
    }

    @Override
    public List<Decision> finish(StudyView view) {
        List<List<Configuration>> ranked = new ArrayList<>();
        rungs.forEach(r -> ranked.add(ranked(view, r)));
        boolean more = false;
        for (int i = 0; i < rungs.size(); i++) {
            List<Configuration> done = ranked.get(i);
            Set<String> up = promoted.get(i);
            if (!done.isEmpty() && done.stream().noneMatch(c -> up.contains(c.id()))) {
                up.add(done.get(0).id());
                more = true;
            }
        }
        if (more) {
            return List.of(); // the driver starts the promoted segments and asks again when nothing runs
        }
        List<Decision> out = new ArrayList<>();
        for (Configuration c : view.plan().configurations()) {
            for (int i = 0; i < rungs.size(); i++) {
                List<Configuration> done = ranked.get(i);
                int rank = done.indexOf(c);
                int top = Math.max(1, done.size() / eta);
                if (rank < 0 || rank < top) {
                    continue;
                }
                String reason = String.format(java.util.Locale.ROOT, "not among the best 1/%d at step %d (rank %d of %d)",
                        eta, rungs.get(i), rank + 1, done.size());
                if (view.isProtected(c)) {
                    out.add(new Decision(c.id(), rungs.get(i), false, reason));
                    break;
                }
                if (view.live(c) && !promoted.get(i).contains(c.id())) {
                    out.add(new Decision(c.id(), rungs.get(i), true, reason));
                    break;
                }
            }
        }
        return out;
    }

    /** The configurations that have finished {@code rung} on every usable trial, best first. */
    private static List<Configuration> ranked(StudyView view, int rung) {
        List<Configuration> done = new ArrayList<>();
        for (Configuration c : view.plan().configurations()) {
            if (!view.usable(c).isEmpty() && view.valuesAt(c, rung) != null) {
                done.add(c);
            }
        }
        done.sort(Comparator.comparingDouble((Configuration c) -> view.orientedMean(view.valuesAt(c, rung)))
                .thenComparing(Configuration::id));
        return done;
    }
}
