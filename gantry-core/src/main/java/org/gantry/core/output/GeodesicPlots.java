package org.gantry.core.output;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.gantry.core.latent.Geodesic;
import org.gantry.data.GaussianMixture;
import org.gantry.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Straight and geodesic latent paths as a PNG: for images a strip per pair, the straight path's
 * images on one row and the geodesic's on the next; for 2D points both paths drawn in data space
 * over the true modes.
 */
public final class GeodesicPlots {
    /** Why examples that are not drawable give no geodesic picture. */
    public static final String CANNOT_DRAW = "geodesics cannot be drawn";
    private GeodesicPlots() {}

    public static void write(Path png, String title, List<Geodesic.Result> pairs, int[] shape,
            Optional<GaussianMixture> modes) throws IOException {
        SampleFiles.requireDrawable(png, shape, CANNOT_DRAW);
        if (shape.length == 3) {
            strips(png, pairs, shape);
        } else {
            paths(png, title, pairs, modes);
        }
    }

    private static void strips(Path png, List<Geodesic.Result> pairs, int[] shape) throws IOException {
        int length = shape[0] * shape[1] * shape[2];
        int points = pairs.get(0).straight().examples().length / length;
        float[] all = new float[2 * pairs.size() * points * length];
        int at = 0;
        for (Geodesic.Result r : pairs) {
            for (Geodesic.Curve c : List.of(r.straight(), r.geodesic())) {
                System.arraycopy(c.examples(), 0, all, at, points * length);
                at += points * length;
            }
        }
        ImageGrid.write(png, all, 2 * pairs.size() * points, shape, points);
    }

    private static void paths(Path png, String title, List<Geodesic.Result> pairs, Optional<GaussianMixture> modes)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(640).title(title).xAxisTitle("x1").yAxisTitle("x2")
                .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(4);
        for (int p = 0; p < pairs.size(); p++) {
            add(chart, "straight " + (p + 1), pairs.get(p).straight(), new Color(150, 150, 150));
            add(chart, "geodesic " + (p + 1), pairs.get(p).geodesic(), new Color(31, 119, 180));
        }
        modes.ifPresent(m -> ScatterPlot.addModes(chart, m));
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(png, out -> out.write(bytes));
    }

    private static void add(XYChart chart, String name, Geodesic.Curve c, Color color) {
        float[] x = c.examples();
        double[] a = new double[x.length / 2];
        double[] b = new double[x.length / 2];
        for (int i = 0; i < a.length; i++) {
            a[i] = x[2 * i];
            b[i] = x[2 * i + 1];
        }
        XYSeries s = chart.addSeries(name, a, b);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.CIRCLE);
    }
}
