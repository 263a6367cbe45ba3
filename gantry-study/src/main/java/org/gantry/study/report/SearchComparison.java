package org.gantry.study.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gantry.study.report.StoredStudy.StoredConfiguration;
import org.gantry.study.state.Means;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Search strategies compared over repeated studies: for each study, the best final metric among its
 * first k configurations in the order the strategy proposed them; for each study name (one
 * strategy, several seeds), the mean of that curve over its studies.
 */
public final class SearchComparison {
    private SearchComparison() {}

    /** The mean best-so-far of the studies called {@code name}, at k = 1, 2, ... configurations. */
    public record Curve(String name, int studies, double[] meanBest) {}

    public static List<Curve> of(List<StoredStudy> studies) {
        Map<String, List<double[]>> byName = new LinkedHashMap<>();
        Map<String, Boolean> higher = new LinkedHashMap<>();
        for (StoredStudy s : studies) {
            byName.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(bestSoFar(s));
            higher.putIfAbsent(s.name(), s.higherIsBetter());
        }
        List<Curve> out = new ArrayList<>();
        byName.forEach((name, curves) -> {
            int k = curves.stream().mapToInt(c -> c.length).min().orElse(0);
            double[] mean = new double[k];
            for (int i = 0; i < k; i++) {
                final int at = i;
                mean[i] = curves.stream().mapToDouble(c -> c[at]).average().orElse(Double.NaN);
            }
            out.add(new Curve(name, curves.size(), mean));
        });
        return out;
    }

    /**
     * The best final mean among the first k configurations (by id, the order they were proposed in);
     * a configuration without a finished seed adds nothing, so the curve keeps its last value.
     */
    static double[] bestSoFar(StoredStudy s) {
        List<StoredConfiguration> ordered = s.configurations().stream()
                .sorted(Comparator.comparing(StoredConfiguration::id)).toList();
        double[] out = new double[ordered.size()];
        double best = Double.NaN;
        for (int i = 0; i < ordered.size(); i++) {
            double[] v = ordered.get(i).finalValues(s.steps());
            if (v.length > 0) {
                double m = Means.of(v);
                if (Double.isNaN(best) || (s.higherIsBetter() ? m > best : m < best)) {
                    best = m;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** The curves as a table: k, then one column per study name. */
    public static String table(List<Curve> curves) {
        StringBuilder b = new StringBuilder("k");
        curves.forEach(c -> b.append(String.format(Locale.ROOT, "  %s (%d studies)", c.name(), c.studies())));
        b.append(System.lineSeparator());
        int k = curves.stream().mapToInt(c -> c.meanBest().length).max().orElse(0);
        for (int i = 0; i < k; i++) {
            b.append(i + 1);
            for (Curve c : curves) {
                b.append(i < c.meanBest().length ? String.format(Locale.ROOT, "  %.4g", c.meanBest()[i]) : "  -");
            }
            b.append(System.lineSeparator());
        }
        return b.toString();
    }

    /** The curves as a PNG chart. */
    public static byte[] chart(List<Curve> curves, String metric) {
        XYChart chart = new XYChartBuilder().width(ReportCharts.WIDTH).height(ReportCharts.HEIGHT).title("best " + metric + " found, mean over studies")
                .xAxisTitle("configurations tried").yAxisTitle(metric).build();
        for (Curve c : curves) {
            double[] k = new double[c.meanBest().length];
            for (int i = 0; i < k.length; i++) {
                k[i] = i + 1;
            }
            if (k.length > 0) {
                chart.addSeries(c.name() + " (" + c.studies() + ")", k, c.meanBest()).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return ReportCharts.png(chart);
    }
}
