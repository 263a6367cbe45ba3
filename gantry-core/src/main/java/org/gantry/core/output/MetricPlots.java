package org.gantry.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gantry.core.train.TrainingListener;
import org.gantry.io.AtomicFiles;
import org.gantry.io.Json;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One PNG line chart per logged value ({@code plots/fid.png}, {@code plots/d_loss.png}, ...) over
 * the steps, redrawn after every evaluation from {@code metrics.jsonl}. Reading the log rather
 * than remembering values keeps the charts whole across a resume.
 */
public final class MetricPlots implements TrainingListener {
    /** Fields that are not quantities over training: the step itself and the sample counts (spreads, *_std, neither). */
    private static final Set<String> NOT_PLOTTED = Set.of("step", "samples", "reference_samples");
    private final Path log;
    private final Path dir;

    /**
     * @param log the run's {@code metrics.jsonl}, appended to before this listener runs
     * @param dir where the charts go
     */
    public MetricPlots(Path log, Path dir) {
        this.log = log;
        this.dir = dir;
    }

    @Override
    public void onEvaluation(Evaluation evaluation) {
        try {
            Map<String, List<double[]>> series = read(log);
            Files.createDirectories(dir);
            for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
                write(dir.resolve(e.getKey() + ".png"), e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the metric charts into " + dir, e);
        }
    }

    /** Every numeric field of the log but the step, as (step, value) points; non-finite values are left out. */
    static Map<String, List<double[]>> read(Path log) throws IOException {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        if (!Files.exists(log)) {
            return series;
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = Json.mapper().readTree(line);
            double step = row.path("step").asDouble();
            for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!NOT_PLOTTED.contains(f.getKey()) && !f.getKey().endsWith("_std") && f.getValue().isNumber() && Double.isFinite(f.getValue().asDouble())) {
                    series.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(new double[] {step, f.getValue().asDouble()});
                }
            }
        }
        return series;
    }

    static void write(Path png, String name, List<double[]> points) throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(400).title(name).xAxisTitle("step").yAxisTitle(name).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(points.size() > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(png, out -> out.write(bytes));
    }
}
