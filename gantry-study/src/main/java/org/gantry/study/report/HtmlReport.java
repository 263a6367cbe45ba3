package org.gantry.study.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.gantry.io.AtomicFiles;
import org.gantry.study.report.FactorEffects.WinRate;
import org.gantry.study.report.StoredStudy.StoredConfiguration;
import org.gantry.study.state.Means;
import org.gantry.study.state.TrialState;

/**
 * {@code report.html} (one file, pictures inlined, nothing fetched when it is opened) and
 * {@code results.csv}, both regenerated from the study directory alone.
 */
public final class HtmlReport {
    /** Learning curves drawn: the best configurations, so the picture stays readable. */
    static final int CURVES = 8;

    private HtmlReport() {}

    /** Writes both files into the study directory and returns the report's path. */
    public static Path write(Path studyDir) throws IOException {
        StoredStudy s = StoredStudy.read(studyDir);
        AtomicFiles.writeString(studyDir.resolve("results.csv"), ResultsCsv.of(s));
        Path report = studyDir.resolve("report.html");
        AtomicFiles.writeString(report, html(s));
        return report;
    }

    static String html(StoredStudy s) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Study ").append(esc(s.name()))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
                        + "th{background:#f3f3f3}img{max-width:100%}.n{text-align:right}</style></head><body>\n");
        b.append("<h1>Study ").append(esc(s.name())).append("</h1>\n");
        b.append(String.format(Locale.ROOT, "<p>%d configurations, %d trials: %d done, %d stopped, %d failed, %d unfinished. "
                + "Metric <b>%s</b> (%s is better) after %d steps.</p>\n", s.configurations().size(), s.trials(),
                s.count(TrialState.Status.DONE), s.count(TrialState.Status.STOPPED), s.count(TrialState.Status.FAILED),
                s.count(TrialState.Status.PENDING) + s.count(TrialState.Status.RUNNING), esc(s.metric()),
                s.higherIsBetter() ? "higher" : "lower", s.steps()));
        best(b, s);
        factors(b, s);
        expectedBest(b, s);
        curves(b, s);
        stopping(b, s);
        search(b, s);
        b.append("<p>Every number here is in results.csv beside this file; regenerate both with "
                + "<code>gantry study report</code>.</p>\n</body></html>\n");
        return b.toString();
    }

    private static void best(StringBuilder b, StoredStudy s) {
        b.append("<h2>Best configurations</h2>\n<table><tr><th>configuration</th><th>mean</th><th>std. dev.</th><th>min</th>"
                + "<th>max</th><th>seeds</th><th>settings</th></tr>\n");
        List<StoredConfiguration> ranked = s.ranked();
        for (StoredConfiguration c : ranked.subList(0, Math.min(10, ranked.size()))) {
            double[] v = c.finalValues(s.steps());
            double m = Means.of(v);
            double sd = Means.standardDeviation(v);
            b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td class=n>%.4g</td><td class=n>%.2g</td><td class=n>%.4g</td>"
                    + "<td class=n>%.4g</td><td class=n>%d of %d</td><td>%s</td></tr>\n", c.id(), m, sd,
                    java.util.Arrays.stream(v).min().orElse(Double.NaN), java.util.Arrays.stream(v).max().orElse(Double.NaN),
                    v.length, c.trials().size(), esc(c.settings().toString())));
        }
        b.append("</table>\n");
    }

    private static void factors(StringBuilder b, StoredStudy s) {
        if (s.factors().isEmpty()) {
            return;
        }
        b.append("<h2>Factors</h2>\n");
        List<WinRate> rates = FactorEffects.of(s);
        if (!rates.isEmpty()) {
            b.append("<table><tr><th>factor</th><th>challenger against baseline</th><th>wins</th><th>sign test p</th>"
                    + "<th>relative change: median (min … max)</th></tr>\n");
            for (WinRate w : rates) {
                List<Double> ch = w.finiteChanges().stream().sorted().toList();
                String change = ch.isEmpty() ? "-" : String.format(Locale.ROOT, "%+.1f %% (%+.1f … %+.1f %%)",
                        50 * (ch.get((ch.size() - 1) / 2) + ch.get(ch.size() / 2)), 100 * ch.get(0), 100 * ch.get(ch.size() - 1));
                b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s against %s</td><td>%d of %d</td>"
                        + "<td class=n>%.2g</td><td>%s</td></tr>\n", esc(w.factor()), esc(String.valueOf(w.challenger())),
                        esc(String.valueOf(w.baseline())), w.wins(), w.comparisons(), w.signTestP(), change));
            }
            b.append("</table>\n<p>A comparison pairs two configurations that differ only in the factor; the challenger wins "
                    + "when its mean over seeds is better. Relative change: (challenger − baseline) / |baseline|. Sign test: the "
                    + "exact two-sided p-value of the wins and losses if neither level were better (ties left out).</p>\n");
        }
        for (String f : s.factors()) {
            List<Object> levels = s.configurations().stream().map(c -> c.settings().get(f)).distinct().toList();
            img(b, ReportCharts.boxPlot(s, f, levels), s.metric() + " by " + f);
            byte[] changes = ReportCharts.relativeChanges(s, f, rates);
            if (changes != null) {
                img(b, changes, "relative change of " + s.metric() + ", " + f);
            }
        }
    }

    private static void expectedBest(StringBuilder b, StoredStudy s) {
        double[] all = s.configurations().stream().flatMapToDouble(c -> java.util.Arrays.stream(c.finalValues(s.steps())))
                .toArray();
        if (all.length < 2) {
            return;
        }
        b.append("<h2>Expected best of k runs</h2>\n<p>k runs drawn at random from the ").append(all.length)
                .append(" finished ones: the expected best and its 5–95 % range (exact over all draws).</p>\n");
        img(b, ReportCharts.expectedBest(s, ExpectedBest.of(all, s.higherIsBetter(), Math.min(50, 2 * all.length))),
                "expected best");
    }

    private static void curves(StringBuilder b, StoredStudy s) {
        List<StoredConfiguration> ranked = s.ranked();
        List<LearningCurves.Curve> curves = ranked.subList(0, Math.min(CURVES, ranked.size())).stream()
                .map(c -> LearningCurves.of(s, c)).toList();
        if (curves.stream().allMatch(c -> c.steps().length == 0)) {
            return;
        }
        b.append("<h2>Learning curves</h2>\n<p>The best ").append(curves.size())
                .append(" configurations, mean over seeds at every evaluation.</p>\n");
        img(b, ReportCharts.learningCurves(s, curves), "learning curves");
    }

    private static void stopping(StringBuilder b, StoredStudy s) {
        StoppingSummary st = StoppingSummary.of(s);
        b.append("<h2>Early stopping</h2>\n");
        b.append(String.format(Locale.ROOT, "<p>Steps trained: %,d of %,d (%.1f %% saved); configurations stopped: %d; kept "
                + "although the policy would have stopped them: %d.</p>\n", st.stepsTrained(), st.stepsPlanned(),
                100 * st.saved(), st.configurationsStopped(), st.configurationsKept()));
        st.winner().ifPresent(w -> b.append("<p>Best fully trained configuration: ").append(w.id()).append(". ")
                .append(st.winnerWouldStopAt() == null ? "The policy would not have stopped it."
                        : "The policy would have stopped it at step " + st.winnerWouldStopAt() + ": stopping would have lost it.")
                .append("</p>\n"));
    }

    private static void search(StringBuilder b, StoredStudy s) {
        if (s.searchKeys().size() < 2) {
            return;
        }
        b.append("<h2>Search space</h2>\n");
        img(b, ReportCharts.searchScatter(s, s.searchKeys().get(0), s.searchKeys().get(1)), "search space");
    }

    private static void img(StringBuilder b, byte[] png, String alt) {
        b.append("<p><img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\"></p>\n");
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
