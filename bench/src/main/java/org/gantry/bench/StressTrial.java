package org.gantry.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.core.engine.ConvolutionCheck;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.game.Games;
import org.gantry.core.model.GanModel;
import org.gantry.core.train.GanTrainer;
import org.gantry.core.train.StepResult;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.random.Rng;

/**
 * One process of {@code bench/stress}: trains the cases it is given one after another and prints,
 * per case, one line {@code TRACE name steps hex} with both players' losses at every step as the bits
 * of their doubles, then whether any loss or any generated value was not finite. The parent process
 * starts it with the allocator poisoned; it never decides anything itself.
 *
 * <p>Arguments: {@code MNIST_DIR STEPS THREADS CASE...}, or {@code probe} to print the convolution
 * check (network layers at the training batch) with oneDNN off (ATen's path) and on; the cases run
 * on whichever path the engine chose.
 */
public final class StressTrial {
    static final String TRACE = "TRACE";
    static final String PROBE = "PROBE";

    private static final Map<String, Dataset> DATA = new HashMap<>();

    private StressTrial() {}

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("probe")) {
            TorchEngine.start(1);
            // The network layers at the training batch: the start-up check takes a quarter of it.
            int batch = ConvolutionCheck.TRAINING_BATCH;
            List<String> off = ConvolutionCheck.failuresWithAten(batch);
            List<String> on = ConvolutionCheck.failuresWithOneDnn(batch);
            System.out.printf("%s %d %d %d %d %s%n", PROBE,
                    ConvolutionCheck.smallShapes() + ConvolutionCheck.networkLayers(), shapes(off), shapes(on),
                    on.stream().filter(l -> l.endsWith("Infinity")).count(),
                    TorchEngine.oneDnnEnabled() ? "oneDNN" : "ATen");
            return;
        }
        Path mnist = Path.of(args[0]);
        int steps = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        TorchEngine.start(threads);
        for (String name : Arrays.copyOfRange(args, 3, args.length)) {
            String line;
            try {
                line = trace(name, StressCases.config(name, mnist, threads, 0), steps);
            } catch (RuntimeException e) {
                // A case that cannot run is reported, and the others still run.
                line = TRACE + " " + name + " error:" + e.getClass().getSimpleName() + " ";
                e.printStackTrace();
            }
            System.out.println(line);
            System.out.flush();
        }
    }

    /** The number of distinct shapes among check failures ("shape quantity error e" lines). */
    private static long shapes(List<String> failures) {
        return failures.stream().map(l -> l.substring(0, l.indexOf(" k") + 9)).distinct().count();
    }

    /** One case's trace line: losses as bits, stopping at the first step that is not finite. */
    static String trace(String name, Config c, int steps) {
        // Every case reads the same MNIST files: read them once per process.
        Dataset data = DATA.computeIfAbsent(c.get(DataSets.PATH) + (c.get(DataSets.BINARISE) ? " binarised" : ""),
                p -> DataSets.create(c));
        StringBuilder hex = new StringBuilder();
        HexFormat h = HexFormat.of();
        String verdict = "finite";
        try (GanModel model = Games.model(c, data);
                GanTrainer trainer = GanTrainer.create(c, model, data)) {
            for (int i = 1; i <= steps; i++) {
                StepResult r = trainer.trainStep();
                hex.append(h.toHexDigits(Double.doubleToRawLongBits(r.discriminatorLoss())))
                        .append(h.toHexDigits(Double.doubleToRawLongBits(r.generatorLoss())));
                if (!r.finite()) {
                    verdict = "nonfinite-loss@" + i;
                    break;
                }
            }
            if (verdict.equals("finite")) {
                int n = 16;
                float[] z = new float[n * model.latentSize()];
                model.drawLatent(new Rng(7), z);
                float[] samples = model.generate(z, n);
                for (float v : samples) {
                    if (!Float.isFinite(v)) {
                        verdict = "nonfinite-sample";
                        break;
                    }
                }
            }
        }
        return TRACE + " " + name + " " + verdict + " " + hex;
    }
}
