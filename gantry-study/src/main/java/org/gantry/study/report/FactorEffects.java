package org.gantry.study.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gantry.study.report.StoredStudy.StoredConfiguration;
import org.gantry.study.state.Means;

/**
 * How one level of a factor fares against another, setting by setting: every pair of finished
 * configurations that differ only in that factor is one comparison (the self-modulation paper's
 * "better in 124 of 144 settings"). A level wins a comparison when its mean over seeds is better;
 * the relative change is (challenger - baseline) / |baseline|.
 */
public final class FactorEffects {
    private FactorEffects() {}

    /**
     * One level against another over all settings of the other keys; a comparison the challenger
     * neither wins nor loses is a tie. Settings where both means are non-finite are not compared;
     * where one is, the finite one wins and the relative change is NaN.
     */
    public record WinRate(String factor, Object baseline, Object challenger, int wins, int losses, int comparisons,
            List<Double> relativeChanges) {
        public double rate() {
            return comparisons == 0 ? Double.NaN : (double) wins / comparisons;
        }

        /** The relative changes that are numbers (a zero or non-finite baseline gives none). */
        public List<Double> finiteChanges() {
            return relativeChanges.stream().filter(d -> !d.isNaN()).toList();
        }

        /** The exact two-sided sign test's p-value for "neither level is better" (ties left out). */
        public double signTestP() {
            return SignTest.twoSided(wins, losses);
        }
    }

    /** Every ordered pair (earlier level as baseline) of every factor with at least two levels. */
    public static List<WinRate> of(StoredStudy s) {
        List<WinRate> out = new ArrayList<>();
        for (String factor : s.factors()) {
            List<Object> levels = new ArrayList<>();
            for (StoredConfiguration c : s.configurations()) {
                Object level = c.settings().get(factor);
                if (levels.stream().noneMatch(l -> Objects.equals(String.valueOf(l), String.valueOf(level)))) {
                    levels.add(level);
                }
            }
            for (int a = 0; a < levels.size(); a++) {
                for (int b = a + 1; b < levels.size(); b++) {
                    out.add(compare(s, factor, levels.get(a), levels.get(b)));
                }
            }
        }
        return out;
    }

    static WinRate compare(StoredStudy s, String factor, Object baseline, Object challenger) {
        Map<String, Double> base = means(s, factor, baseline);
        Map<String, Double> chal = means(s, factor, challenger);
        int wins = 0;
        int losses = 0;
        int n = 0;
        List<Double> changes = new ArrayList<>();
        for (Map.Entry<String, Double> e : base.entrySet()) {
            Double other = chal.get(e.getKey());
            if (other == null) {
                continue;
            }
            double a = e.getValue();
            double b = other;
            if (!Double.isFinite(a) && !Double.isFinite(b)) {
                continue; // two diverged settings say nothing about the factor
            }
            int better = better(a, b, s.higherIsBetter());
            n++;
            if (better > 0) {
                wins++;
            } else if (better < 0) {
                losses++;
            }
            changes.add(a == 0 || !Double.isFinite(a) || !Double.isFinite(b) ? Double.NaN : (b - a) / Math.abs(a));
        }
        return new WinRate(factor, baseline, challenger, wins, losses, n, changes);
    }

    /**
     * +1 when the challenger's mean {@code b} is better than the baseline's {@code a}, -1 when worse,
     * 0 when equal. A non-finite mean (a diverged run) is worse than any finite one, whichever the
     * direction, so divergence counts against the level that caused it.
     */
    static int better(double a, double b, boolean higherIsBetter) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            return Boolean.compare(Double.isFinite(b), Double.isFinite(a));
        }
        return higherIsBetter ? Double.compare(b, a) : Double.compare(a, b);
    }

    /** Mean final metric of the finished configurations at {@code level}, keyed by their other settings. */
    private static Map<String, Double> means(StoredStudy s, String factor, Object level) {
        Map<String, Double> out = new HashMap<>();
        for (StoredConfiguration c : s.configurations()) {
            if (!String.valueOf(c.settings().get(factor)).equals(String.valueOf(level))) {
                continue;
            }
            double[] v = c.finalValues(s.steps());
            if (v.length == 0 || v.length < c.trials().size()) {
                continue; // compare only configurations whose every seed finished
            }
            Map<String, Object> rest = new LinkedHashMap<>(c.settings());
            rest.remove(factor);
            out.put(rest.toString(), Means.of(v));
        }
        return out;
    }
}
