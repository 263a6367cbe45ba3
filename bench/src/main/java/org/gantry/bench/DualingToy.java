package org.gantry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.game.Games;
import org.gantry.core.model.GanModel;
import org.gantry.core.run.GantrySchema;
import org.gantry.core.train.GanTrainer;
import org.gantry.data.GaussianMixture;
import org.gantry.data.PointDataset;
import org.gantry.random.Rng;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Li et al.'s point about dualing GANs on a 2D toy: the same linear discriminator, met by gradient
 * play (the standard game) or solved exactly each round (the dualing game), against one Gaussian.
 * A linear critic can only tell the generator where the data's mean lies, so the trajectory of the
 * generated mean shows the dynamics: it circles under gradient play and settles when the critic is
 * solved. Prints the distance of the generated mean to the data mean along the way, and plots both
 * trajectories.
 */
@Command(name = "bench/dualing", mixinStandardHelpOptions = true,
        description = "Standard vs dualing game with a linear discriminator on a 2D Gaussian; trajectories.")
public final class DualingToy implements Callable<Integer> {
    private static final double[] MEAN = {1.5, 1.0};

    @Option(names = "--steps", description = "Steps per game (default ${DEFAULT-VALUE}).")
    int steps = 3000;

    @Option(names = "--every", description = "Record the generated mean every this many steps (default ${DEFAULT-VALUE}).")
    int every = 10;

    @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key for both games.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", description = "Where the plot goes (default ${DEFAULT-VALUE}).")
    Path out = Path.of("bench", "out", "dualing");

    public static void main(String[] args) {
        System.exit(new CommandLine(new DualingToy()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        TorchEngine.start(1);
        GaussianMixture target = new GaussianMixture(new double[][] {MEAN}, 0.2);
        PointDataset data = new PointDataset("gaussian", target.sample(20_000, Rng.forPurpose(seed, "toy-data")), 2,
                target);
        Map<String, double[][]> paths = new LinkedHashMap<>();
        for (String game : List.of("standard", "dualing")) {
            paths.put(game, trajectory(config(game), data));
        }
        Files.createDirectories(out);
        System.out.printf("target N((%.1f, %.1f), 0.2² I); linear discriminator; %d steps; seed %d%n", MEAN[0], MEAN[1],
                steps, seed);
        System.out.println("| step | " + String.join(" | ", paths.keySet()) + " |");
        System.out.println("|---|---|---|");
        double[][] first = paths.values().iterator().next();
        for (int i = 0; i < first.length; i++) {
            int step = i * every;
            if (step % Math.max(every, steps / 10) != 0 && i != first.length - 1) {
                continue;
            }
            StringBuilder row = new StringBuilder("| " + step + " |");
            for (double[][] p : paths.values()) {
                row.append(String.format(" %.3f |", distance(p[i])));
            }
            System.out.println(row);
        }
        for (Map.Entry<String, double[][]> e : paths.entrySet()) {
            double[][] p = e.getValue();
            int tail = p.length / 5;
            double sum = 0;
            double max = 0;
            for (int i = p.length - tail; i < p.length; i++) {
                sum += distance(p[i]);
                max = Math.max(max, distance(p[i]));
            }
            System.out.printf("%s: last fifth of the run, mean distance %.3f, largest %.3f%n", e.getKey(), sum / tail,
                    max);
        }
        Path png = out.resolve("trajectories-seed" + seed + ".png");
        plot(paths, png);
        System.out.println("plot: " + png);
        return 0;
    }

    private Config config(String game) {
        ConfigBuilder b = new ConfigBuilder(GantrySchema.create());
        for (String s : new String[] {"game.name=" + game, "d.arch=linear", "loss.name=ns", "g.widths=64,64",
            "train.batch=64", "train.threads=1"}) {
            b.set(s);
        }
        overrides.forEach(b::set);
        b.setRaw("seed", seed, "--seed");
        b.setRaw("train.steps", steps, "--steps");
        return b.build();
    }

    /** The generated mean (of 1,000 samples from a fixed latent batch) every {@link #every} steps, from step 0. */
    private double[][] trajectory(Config c, PointDataset data) {
        List<double[]> path = new ArrayList<>();
        try (GanModel model = Games.model(c, data); GanTrainer trainer = GanTrainer.create(c, model, data)) {
            float[] z = new float[1000 * model.latentSize()];
            model.drawLatent(Rng.forPurpose(seed, "toy-probe"), z);
            for (int s = 0; s <= steps; s++) {
                if (s % every == 0) {
                    path.add(mean(model.generate(z, 1000)));
                }
                if (s < steps) {
                    trainer.trainStep();
                }
            }
        }
        return path.toArray(double[][]::new);
    }

    private static double[] mean(float[] points) {
        double[] m = new double[2];
        int n = points.length / 2;
        for (int i = 0; i < n; i++) {
            m[0] += points[2 * i] / (double) n;
            m[1] += points[2 * i + 1] / (double) n;
        }
        return m;
    }

    private static double distance(double[] m) {
        return Math.hypot(m[0] - MEAN[0], m[1] - MEAN[1]);
    }

    private static void plot(Map<String, double[][]> paths, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(560).title("Generated mean, linear discriminator")
                .xAxisTitle("x").yAxisTitle("y").build();
        for (Map.Entry<String, double[][]> e : paths.entrySet()) {
            double[][] p = e.getValue();
            double[] xs = new double[p.length];
            double[] ys = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                xs[i] = p[i][0];
                ys[i] = p[i][1];
            }
            chart.addSeries(e.getKey(), xs, ys).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        }
        XYSeries t = chart.addSeries("data mean", new double[] {MEAN[0]}, new double[] {MEAN[1]});
        t.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
