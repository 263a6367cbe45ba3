package org.gantry.core.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.core.train.TrainingListener;
import org.gantry.data.Dataset;

/**
 * For image data: {@code samples/real.png} once, then {@code samples/step-XXXXXXXX.png} at each
 * evaluation and {@code samples/final.png} at the end. The evaluation draws its samples from the
 * same latent vectors every time (and from the averaged generator when train.ema is on), so the
 * first cells of successive grids show the same noise batch as training goes on.
 */
public final class SampleGrids implements TrainingListener {
    public static final Setting<Integer> CELLS = Setting.of("output.grid_cells", ValueType.integer(1, 1024), 64,
            "Images per sample grid (the first of the evaluation samples; square-ish layout).");

    private final Path dir;
    private final Dataset data;
    private final int cells;
    private Evaluation last;

    public SampleGrids(Path dir, Dataset data, int cells) {
        this.dir = dir;
        this.data = data;
        this.cells = cells;
    }

    public static boolean supports(Dataset data) {
        return data.exampleShape().length == 3;
    }

    @Override
    public void onStart(RunInfo run) {
        int n = Math.min(cells, data.size());
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            // Spread over the data set rather than its first images, which may share a class.
            indices[i] = (int) ((long) i * data.size() / n);
        }
        float[] real = new float[n * data.exampleLength()];
        data.fill(indices, real);
        write(dir.resolve("real.png"), real, n);
    }

    @Override
    public void onEvaluation(Evaluation e) {
        last = e;
        write(dir.resolve(String.format("step-%08d.png", e.step())), e.samples(), Math.min(cells, e.count()));
    }

    @Override
    public void onFinish(Map<String, Object> summary) {
        if (last != null) {
            write(dir.resolve("final.png"), last.samples(), Math.min(cells, last.count()));
        }
    }

    private void write(Path png, float[] images, int count) {
        try {
            ImageGrid.write(png, images, count, data.exampleShape());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + png, ex);
        }
    }
}
