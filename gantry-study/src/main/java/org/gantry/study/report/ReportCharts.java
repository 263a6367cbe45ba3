package org.gantry.study.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gantry.study.report.StoredStudy.StoredConfiguration;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's pictures, as PNG bytes (XChart). */
final class ReportCharts {
    static final int WIDTH = 640;
    static final int HEIGHT = 400;

    private ReportCharts() {}

    /** The final metric's distribution over the finished trials at each level of a factor. */
    static byte[] boxPlot(StoredStudy s, String factor, List<Object> levels) {
        BoxChart chart = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title(s.metric() + " by " + factor)
                .xAxisTitle(factor).yAxisTitle(s.metric()).build();
        chart.getStyler().setLegendVisible(false);
        for (Object level : levels) {
            List<Double> values = new ArrayList<>();
            for (StoredConfiguration c : s.configurations()) {
                if (String.valueOf(c.settings().get(factor)).equals(String.valueOf(level))) {
                    Arrays.stream(c.finalValues(s.steps())).forEach(values::add);
                }
            }
            if (!values.isEmpty()) {
                chart.addSeries(String.valueOf(level), values);
            }
        }
        return png(chart);
    }

    /**
     * Per pair of one factor's levels, the relative change of the metric (in %) over the settings
     * the pair was compared in: the spread the self-modulation paper gives as "-5 % to -35 %".
     * Null when no pair has a comparison.
     */
    static byte[] relativeChanges(StoredStudy s, String factor, List<FactorEffects.WinRate> rates) {
        BoxChart chart = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title("relative change of " + s.metric()
                + ", " + factor).xAxisTitle("challenger vs baseline").yAxisTitle("change of " + s.metric() + " (%)").build();
        chart.getStyler().setLegendVisible(false);
        boolean any = false;
        for (FactorEffects.WinRate w : rates) {
            if (!w.factor().equals(factor)) {
                continue;
            }
            List<Double> changes = w.finiteChanges().stream().map(d -> 100 * d).toList();
            if (!changes.isEmpty()) {
                chart.addSeries(w.challenger() + " vs " + w.baseline(), changes);
                any = true;
            }
        }
        return any ? png(chart) : null;
    }

    static byte[] expectedBest(StoredStudy s, ExpectedBest.Curve curve) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("expected best " + s.metric()
                + " of k runs").xAxisTitle("runs (k)").yAxisTitle(s.metric()).build();
        double[] k = Arrays.stream(curve.k()).asDoubleStream().toArray();
        chart.addSeries("mean", k, curve.mean()).setMarker(SeriesMarkers.NONE);
        chart.addSeries("5 %", k, curve.low()).setMarker(SeriesMarkers.NONE);
        chart.addSeries("95 %", k, curve.high()).setMarker(SeriesMarkers.NONE);
        return png(chart);
    }

    /** The best configurations' learning curves (at most {@code limit}). */
    static byte[] learningCurves(StoredStudy s, List<LearningCurves.Curve> curves) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(s.metric() + " during training")
                .xAxisTitle("step").yAxisTitle(s.metric()).build();
        for (LearningCurves.Curve c : curves) {
            if (c.steps().length > 0) {
                chart.addSeries(c.configurationId(), c.steps(), c.mean()).setMarker(SeriesMarkers.NONE);
            }
        }
        return png(chart);
    }

    /**
     * The sampled search space in its first two keys, the points split into the best, middle and
     * worst third by their final metric (unfinished points apart).
     */
    static byte[] searchScatter(StoredStudy s, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("search space, by " + s.metric())
                .xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        List<StoredConfiguration> finished = s.ranked();
        List<StoredConfiguration> open = s.configurations().stream().filter(c -> c.finalValues(s.steps()).length == 0).toList();
        int third = (finished.size() + 2) / 3;
        List<StoredConfiguration> all = s.configurations();
        add(chart, "best third", finished.subList(0, Math.min(third, finished.size())), x, y, all);
        add(chart, "middle", finished.subList(Math.min(third, finished.size()), Math.min(2 * third, finished.size())), x, y, all);
        add(chart, "worst third", finished.subList(Math.min(2 * third, finished.size()), finished.size()), x, y, all);
        add(chart, "stopped or unfinished", open, x, y, all);
        return png(chart);
    }

    private static void add(XYChart chart, String name, List<StoredConfiguration> configs, String x, String y,
            List<StoredConfiguration> all) {
        if (configs.isEmpty()) {
            return;
        }
        double[] xs = configs.stream().mapToDouble(c -> number(c.settings(), x, all)).toArray();
        double[] ys = configs.stream().mapToDouble(c -> number(c.settings(), y, all)).toArray();
        chart.addSeries(name, xs, ys);
    }

    /** A setting as a number: numbers as they are, a choice by its position among the values the study has. */
    private static double number(Map<String, Object> settings, String key, List<StoredConfiguration> all) {
        Object v = settings.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        List<String> seen = all.stream().map(c -> String.valueOf(c.settings().get(key))).distinct().sorted().toList();
        return seen.indexOf(String.valueOf(v));
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
