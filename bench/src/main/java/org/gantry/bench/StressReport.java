package org.gantry.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The table {@code bench/stress} prints: per case, runs, non-finite runs and differences between runs. */
final class StressReport {
    /** Hex digits per step in a trace: two doubles. */
    static final int STEP_HEX = 32;

    private StressReport() {}

    static String format(String probe, Map<String, List<StressBench.Run>> runs, List<String> combos, int repeats,
            int dcganRuns) {
        StringBuilder b = new StringBuilder();
        String[] p = probe.split(" ");
        b.append(String.format("%nconvolution check, %s shapes (network layers at the training batch) against double"
                + " precision: %s wrong on ATen's path (oneDNN off); %s wrong with oneDNN on (%s values NaN or infinite);"
                + " the probe's engine chose %s%n%n", p[1],
                p[2], p[3], p[4], p.length > 5 ? p[5] : "?"));
        b.append("| case | runs | non-finite | distinct loss traces | first difference at step |\n");
        b.append("|---|---|---|---|---|\n");
        List<String> names = names(combos, repeats, dcganRuns);
        int total = 0;
        int bad = 0;
        int differing = 0;
        for (String name : names) {
            List<StressBench.Run> r = runs.getOrDefault(name, List.of());
            int expected = expected(name, repeats, dcganRuns);
            Row row = row(r);
            total += r.size();
            bad += row.nonFinite;
            differing += row.distinct > 1 ? 1 : 0;
            b.append(String.format("| %s | %d%s | %d | %d | %s |%n", name, r.size(),
                    r.size() < expected ? " of " + expected : "", row.nonFinite, row.distinct,
                    row.firstDifference < 0 ? "–" : String.valueOf(row.firstDifference)));
        }
        for (Map.Entry<String, List<StressBench.Run>> e : runs.entrySet()) {
            if (e.getKey().startsWith("process-")) {
                b.append(String.format("| %s | failed: %s | | | |%n", e.getKey(), e.getValue().get(0).verdict()));
            }
        }
        b.append(String.format("%n%d case(s), %d run(s): %d non-finite, %d case(s) whose runs differ%n", names.size(),
                total, bad, differing));
        return b.toString();
    }

    /** True when every expected run is there, finite, and every case's runs are identical. */
    static boolean clean(Map<String, List<StressBench.Run>> runs, List<String> combos, int repeats, int dcganRuns) {
        for (String name : runs.keySet()) {
            if (name.startsWith("process-")) {
                return false;
            }
        }
        for (String name : names(combos, repeats, dcganRuns)) {
            List<StressBench.Run> r = runs.getOrDefault(name, List.of());
            Row row = row(r);
            if (r.size() < expected(name, repeats, dcganRuns) || row.nonFinite > 0 || row.distinct > 1) {
                return false;
            }
        }
        return true;
    }

    /** The cases a bench with these counts runs, in table order. */
    private static List<String> names(List<String> combos, int repeats, int dcganRuns) {
        List<String> names = new ArrayList<>();
        if (dcganRuns > 0) {
            names.add(StressCases.DCGAN_MNIST);
        }
        if (repeats > 0) {
            names.addAll(combos);
        }
        return names;
    }

    /** How many runs of a case the bench starts. */
    private static int expected(String name, int repeats, int dcganRuns) {
        return name.equals(StressCases.DCGAN_MNIST) ? dcganRuns : repeats;
    }

    record Row(int nonFinite, int distinct, int firstDifference) {}

    static Row row(List<StressBench.Run> runs) {
        int nonFinite = 0;
        Set<String> traces = new HashSet<>();
        int first = -1;
        for (StressBench.Run r : runs) {
            if (!r.verdict().equals("finite")) {
                nonFinite++;
            }
            traces.add(r.trace());
            int d = firstDifference(runs.get(0).trace(), r.trace());
            if (d >= 0 && (first < 0 || d < first)) {
                first = d;
            }
        }
        return new Row(nonFinite, traces.size(), first);
    }

    /** The 1-based step at which two traces first differ, or -1 if they are equal. */
    static int firstDifference(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return i / STEP_HEX + 1;
            }
        }
        return a.length() == b.length() ? -1 : n / STEP_HEX + 1;
    }
}
