package org.gantry.study.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.gantry.study.report.StoredStudy.StoredConfiguration;
import org.gantry.study.state.TrialState;

/**
 * {@code results.csv}: one row per trial with its configuration's settings, seed, status, steps
 * trained, the metric at the end and at every rung, and why it stopped or failed (RFC 4180 quoting).
 */
public final class ResultsCsv {
    private ResultsCsv() {}

    public static String of(StoredStudy s) {
        Set<String> keys = new LinkedHashSet<>();
        Set<Integer> steps = new TreeSet<>();
        for (StoredConfiguration c : s.configurations()) {
            keys.addAll(c.settings().keySet());
            c.trials().forEach(t -> steps.addAll(t.values().keySet()));
        }
        steps.remove(s.steps());
        List<String> header = new ArrayList<>(List.of("trial", "configuration", "seed", "status", "steps_trained", s.metric()));
        keys.forEach(header::add);
        steps.forEach(step -> header.add(s.metric() + "@" + step));
        header.add("would_stop_at");
        header.add("reason");
        StringBuilder b = new StringBuilder(row(header));
        for (StoredConfiguration c : s.configurations()) {
            for (int i = 0; i < c.trials().size(); i++) {
                TrialState t = c.trials().get(i);
                String id = c.trialIds().get(i);
                List<String> cells = new ArrayList<>(List.of(id, c.id(), id.substring(id.lastIndexOf("-s") + 2),
                        t.status().name().toLowerCase(Locale.ROOT), Integer.toString(t.step()), number(t.valueAt(s.steps()))));
                keys.forEach(k -> cells.add(c.settings().containsKey(k) ? String.valueOf(c.settings().get(k)) : ""));
                steps.forEach(step -> cells.add(number(t.valueAt(step))));
                cells.add(t.wouldStopAt() == null ? "" : t.wouldStopAt().toString());
                cells.add(t.reason() == null ? "" : t.reason());
                b.append(row(cells));
            }
        }
        return b.toString();
    }

    private static String number(Double v) {
        return v == null ? "" : Double.toString(v);
    }

    private static String row(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (String c : cells) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(c.contains(",") || c.contains("\"") || c.contains("\n") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        return b.append("\r\n").toString();
    }
}
