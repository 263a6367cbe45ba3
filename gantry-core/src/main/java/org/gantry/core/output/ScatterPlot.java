package org.gantry.core.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.gantry.data.GaussianMixture;
import org.gantry.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A PNG scatter plot of generated 2D samples over the true modes (XChart). */
public final class ScatterPlot {
    private ScatterPlot() {}

    public static void write(Path png, String title, float[] samples, int count, Optional<GaussianMixture> modes)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(640).title(title).xAxisTitle("x1").yAxisTitle("x2")
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        double[] x = new double[count];
        double[] y = new double[count];
        int kept = 0;
        for (int i = 0; i < count; i++) {
            float a = samples[2 * i];
            float b = samples[2 * i + 1];
            if (Float.isFinite(a) && Float.isFinite(b)) {
                x[kept] = a;
                y[kept] = b;
                kept++;
            }
        }
        XYSeries s = chart.addSeries("generated", java.util.Arrays.copyOf(x, Math.max(kept, 1)),
                java.util.Arrays.copyOf(y, Math.max(kept, 1)));
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(new Color(31, 119, 180, 90));
        modes.ifPresent(m -> addModes(chart, m));
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(png, out -> out.write(bytes));
    }

    /** The mixture's means as red crosses, unconnected. */
    static void addModes(XYChart chart, GaussianMixture mixture) {
        double[][] means = mixture.means();
        double[] mx = new double[means.length];
        double[] my = new double[means.length];
        for (int i = 0; i < means.length; i++) {
            mx[i] = means[i][0];
            my[i] = means[i][1];
        }
        XYSeries t = chart.addSeries("true modes", mx, my);
        t.setMarker(SeriesMarkers.CROSS);
        t.setMarkerColor(new Color(214, 39, 40));
        t.setLineStyle(new BasicStroke(0f));
        t.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
}
