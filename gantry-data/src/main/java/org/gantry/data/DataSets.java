package org.gantry.data;

import java.nio.file.Path;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.config.GlobalSettings;
import org.gantry.config.Registry;
import org.gantry.config.Setting;
import org.gantry.config.ValueType;
import org.gantry.random.Rng;

/** The data sets Gantry can train on, by configuration name. */
public final class DataSets {
    private DataSets() {}

    public static final Setting<Integer> SIZE = Setting.of("data.size", ValueType.integer(1, 100_000_000), 100_000,
            "Number of training points drawn from a synthetic mixture (PacGAN: 100,000).");
    public static final Setting<String> PATH = Setting.of("data.path", ValueType.text(), null,
            "Path of the data on disk, for data sets read from files (csv).");

    public static final Registry<Dataset> REGISTRY = new Registry<Dataset>("data set")
            .register("ring", "8 Gaussians on the unit circle, sigma 0.01 (PacGAN ring)",
                    c -> synthetic(c, "ring", GaussianMixture.ring(8, 1.0, 0.01)), SIZE)
            .register("grid", "25 Gaussians on {-4,-2,0,2,4}^2, sigma 0.05 (PacGAN grid)",
                    c -> synthetic(c, "grid", GaussianMixture.grid(new double[] {-4, -2, 0, 2, 4}, 0.05)), SIZE)
            .register("ring2", "8 Gaussians on a circle of radius 2, sigma 0.02 (Unrolled GAN, D2GAN)",
                    c -> synthetic(c, "ring2", GaussianMixture.ring(8, 2.0, 0.02)), SIZE)
            .register("grid16", "16 Gaussians on {-1.5,-0.5,0.5,1.5}^2, sigma 0.02 (ODE-GAN)",
                    c -> synthetic(c, "grid16", GaussianMixture.grid(new double[] {-1.5, -0.5, 0.5, 1.5}, 0.02)), SIZE)
            .register("csv", "your own points: a CSV or whitespace-separated file given by data.path",
                    DataSets::csv, PATH);

    public static final Setting<String> NAME = Setting.of("data.name", ValueType.choice(REGISTRY::names), "ring",
            "Training data set.");

    public static Dataset create(Config config) {
        return REGISTRY.create(config.get(NAME), config);
    }

    private static Dataset synthetic(Config c, String name, GaussianMixture mixture) {
        int n = c.get(SIZE);
        Rng rng = Rng.forPurpose(c.get(GlobalSettings.SEED), "data-points");
        return new PointDataset(name, mixture.sample(n, rng), mixture.dimension(), mixture);
    }

    private static Dataset csv(Config c) {
        String path = c.get(PATH);
        if (path == null || path.isBlank()) {
            throw new ConfigException("data.name=csv needs data.path, the file holding your points");
        }
        return CsvPoints.read(Path.of(path));
    }
}
