package org.gantry.core.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.gantry.core.train.TrainingListener;
import org.gantry.data.Dataset;

/**
 * Writes {@code samples/step-XXXXXXXX.png} at each evaluation and {@code samples/final.png} at the
 * end, for two-dimensional data.
 */
public final class SamplePlots implements TrainingListener {
    private final Path dir;
    private final Dataset data;
    private Evaluation last;

    public SamplePlots(Path dir, Dataset data) {
        this.dir = dir;
        this.data = data;
    }

    public static boolean supports(Dataset data) {
        return data.exampleShape().length == 1 && data.exampleShape()[0] == 2;
    }

    @Override
    public void onEvaluation(Evaluation e) {
        last = e;
        plot(dir.resolve(String.format("step-%08d.png", e.step())), e);
    }

    @Override
    public void onFinish(Map<String, Object> summary) {
        if (last != null) {
            plot(dir.resolve("final.png"), last);
        }
    }

    private void plot(Path png, Evaluation e) {
        String title = data.name() + " — step " + e.step() + metricText(e.metrics());
        try {
            ScatterPlot.write(png, title, e.samples(), e.count(), data.mixture());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + png, ex);
        }
    }

    private static String metricText(Map<String, Double> m) {
        if (!m.containsKey("modes")) {
            return "";
        }
        return String.format(" — modes %.0f, HQ %.1f%%, rKL %.3f", m.get("modes"), 100 * m.get("hq_fraction"),
                m.get("reverse_kl"));
    }
}
