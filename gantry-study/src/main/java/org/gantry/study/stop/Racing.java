package org.gantry.study.stop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.gantry.study.plan.Configuration;
import org.gantry.study.plan.Trial;
import org.gantry.study.state.Means;

/**
 * Racing (one-shot calibration with early stopping): every live configuration trains to the next
 * rung; there each one is tested against the best (paired one-sided t-test over the seeds they
 * share) and the Holm-corrected family of tests stops those worse at confidence 1 - delta. The
 * rungs are barriers: a decision compares all live configurations at the same step.
 */
public final class Racing implements StoppingPolicy {
    private final List<Integer> rungs;
    private final double delta;
    /** Index of the last rung decided. */
    private int decided = -1;

    public Racing(List<Integer> rungs, double delta) {
        this.rungs = List.copyOf(rungs);
        this.delta = delta;
    }

    @Override
    public OptionalInt next(Trial trial, StudyView view) {
        int step = view.state(trial).step();
        int index = 0;
        while (index < rungs.size() && rungs.get(index) <= step) {
            index++;
        }
        int target = index < rungs.size() ? rungs.get(index) : view.plan().steps();
        return index <= decided + 1 ? OptionalInt.of(target) : OptionalInt.empty();
    }

    @Override
    public Map<String, Object> state() {
        return Map.of("decided_rungs", decided + 1);
    }

    @Override
    public void restore(Map<String, Object> state) {
        if (state.get("decided_rungs") instanceof Number n) {
            decided = Math.min(rungs.size(), n.intValue()) - 1;
        }
    }

    @Override
    public List<Decision> decide(StudyView view) {
        List<Decision> out = new ArrayList<>();
        while (decided + 1 < rungs.size()) {
            int rung = rungs.get(decided + 1);
            List<Configuration> live = view.plan().configurations().stream().filter(view::live).toList();
            if (live.stream().anyMatch(c -> view.bySeed(c, rung) == null)) {
                break;
            }
            out.addAll(decideAt(view, live, rung));
            decided++;
        }
        return out;
    }

    private List<Decision> decideAt(StudyView view, List<Configuration> live, int rung) {
        if (live.size() < 2) {
            return List.of();
        }
        Configuration best = live.stream().min(Comparator.comparingDouble(c -> view.orientedMean(view.valuesAt(c, rung))))
                .orElseThrow();
        Map<Long, Double> bestValues = oriented(view, best, rung);
        List<Configuration> others = live.stream().filter(c -> c != best).toList();
        double[] p = new double[others.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = PairedTest.pWorse(oriented(view, others.get(i), rung), bestValues);
        }
        boolean[] reject = PairedTest.holm(p, delta);
        List<Decision> out = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            if (reject[i]) {
                Configuration c = others.get(i);
                String reason = String.format(java.util.Locale.ROOT,
                        "worse than %s at step %d: mean %.4g against %.4g, paired t-test p = %.3g (Holm over %d, delta %s)",
                        best.id(), rung, Means.of(view.valuesAt(c, rung)), Means.of(view.valuesAt(best, rung)), p[i], p.length,
                        delta);
                out.add(new Decision(c.id(), rung, !view.isProtected(c), reason));
            }
        }
        return out;
    }

    /** Values by seed with smaller better. */
    private static Map<Long, Double> oriented(StudyView view, Configuration c, int rung) {
        Map<Long, Double> m = new java.util.TreeMap<>(view.bySeed(c, rung));
        if (view.plan().higherIsBetter()) {
            m.replaceAll((k, v) -> -v);
        }
        return m;
    }
}
