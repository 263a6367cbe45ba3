package org.gantry.study.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.gantry.study.report.StoredStudy.StoredConfiguration;
import org.gantry.study.state.Means;
import org.gantry.study.state.TrialState.Status;

/** What {@code gantry study status} prints: the counts, then one line per configuration, best first. */
public final class StatusText {
    private StatusText() {}

    public static String of(StoredStudy s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "study %s: %d trials: %d done, %d running, %d pending, %d stopped, %d failed%n",
                s.name(), s.trials(), s.count(Status.DONE), s.count(Status.RUNNING), s.count(Status.PENDING),
                s.count(Status.STOPPED), s.count(Status.FAILED)));
        b.append(String.format(Locale.ROOT, "metric %s (%s is better) after %d steps; configurations, best first:%n", s.metric(),
                s.higherIsBetter() ? "higher" : "lower", s.steps()));
        List<StoredConfiguration> sorted = s.configurations().stream().sorted(Comparator.comparingDouble(
                s::orientedFinalMean).thenComparing(StoredConfiguration::id)).toList();
        for (StoredConfiguration c : sorted) {
            double[] v = c.finalValues(s.steps());
            String value = v.length == 0 ? "-" : String.format(Locale.ROOT, "%.4g ± %.2g (%d)", Means.of(v), Means.standardError(v), v.length);
            b.append(String.format(Locale.ROOT, "  %s  %-22s %s  %s%n", c.id(), value, states(c), c.settings()));
        }
        return b.toString();
    }

    private static String states(StoredConfiguration c) {
        StringBuilder b = new StringBuilder();
        for (Status st : Status.values()) {
            long n = c.count(st);
            if (n > 0) {
                b.append(b.length() == 0 ? "" : " ").append(n).append(' ').append(st.name().toLowerCase(Locale.ROOT));
            }
        }
        return b.toString();
    }
}
