package org.gantry.data;

import java.nio.file.Path;
import java.util.List;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
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
            "Path of the data on disk: the file for csv; the directory for mnist, fashion_mnist, cifar10, "
                    + "stacked_mnist and image_folder.");
    public static final Setting<String> SPLIT = Setting.of("data.split", ValueType.choice(() -> List.of("train", "test")),
            "train", "Which part of a data set with a fixed split to train on: train or test.");
    public static final Setting<Boolean> DOWNLOAD = Setting.of("data.download", ValueType.bool(), false,
            "Without data.path, download the published files (checksum-verified) into $GANTRY_CACHE or ~/.cache/gantry.");

    /** Where a set of IDX files is published and which download-cache folder holds it. */
    private record IdxSource(String cacheName, List<KnownFile> files) {}

    private static final IdxSource MNIST_FILES = new IdxSource("mnist", DataCatalogue.MNIST);
    private static final IdxSource FASHION_MNIST_FILES = new IdxSource("fashion-mnist", DataCatalogue.FASHION_MNIST);

    public static final Setting<Boolean> BINARISE = Setting.of("data.binarise", ValueType.bool(), false,
            "Make every pixel black or white (threshold at middle grey), for generators of Bernoulli pixels "
                    + "(game.name=bgan_discrete); the evaluation reference is binarised alike.");

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
                    DataSets::csv, PATH)
            .register("mnist", "MNIST digits, 1x28x28, 10 classes; IDX files in data.path",
                    c -> mnistLike(c, "mnist", MNIST_FILES), PATH, SPLIT, DOWNLOAD, BINARISE)
            .register("fashion_mnist", "Fashion-MNIST clothing, 1x28x28, 10 classes; IDX files in data.path",
                    c -> mnistLike(c, "fashion_mnist", FASHION_MNIST_FILES), PATH, SPLIT,
                    DOWNLOAD, BINARISE)
            .register("cifar10", "CIFAR-10, 3x32x32, 10 classes; the binary batches in data.path",
                    DataSets::cifar10, PATH, SPLIT, DOWNLOAD, BINARISE)
            .register("stacked_mnist", "three MNIST training digits as RGB channels, 3x28x28, 1,000 modes (VEEGAN, PacGAN)",
                    DataSets::stackedMnist, PATH, StackedMnist.IMAGES, DOWNLOAD, BINARISE)
            .register("image_folder", "your own PNG/JPEG images under data.path, scaled and centre-cropped to squares",
                    DataSets::imageFolder, PATH, ImageFolder.IMAGE_SIZE, ImageFolder.CHANNELS, BINARISE);

    public static final Setting<String> NAME = Setting.of("data.name", ValueType.choice(REGISTRY::names), "ring",
            "Training data set.");

    public static Dataset create(Config config) {
        Dataset data = REGISTRY.create(config.get(NAME), config);
        return config.get(BINARISE) ? new BinarisedImages(data) : data;
    }

    /** The test split of the configured data set (one with a published split, {@link Dataset#hasTestSplit}). */
    public static Dataset testSplit(Config config) {
        ConfigBuilder b = new ConfigBuilder(config.schema());
        b.apply(config.toNestedMap(), "the run's configuration");
        b.setRaw(SPLIT.key(), "test", "the test split");
        return create(b.build());
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

    private static boolean train(Config c) {
        return c.get(SPLIT).equals("train");
    }

    private static ImageDataset mnistLike(Config c, String name, IdxSource source) {
        boolean train = train(c);
        Path dir = DataLocation.directory(c, name, MnistFiles.CONTENTS, source.cacheName(),
                d -> d.fetchAll(DataCatalogue.startingWith(source.files(), MnistFiles.prefix(train))));
        return MnistFiles.read(name, dir, train);
    }

    /**
     * The folder of the IDX files of {@code labelled} (mnist or fashion_mnist) with both splits
     * present: data.path, or the download cache with all four files fetched when data.download is
     * on. Gantry's classifier feature networks train on one split and test on the other, whichever
     * split, or Stacked MNIST, the run itself reads.
     */
    public static Path idxFilesWithBothSplits(Config c, String labelled) {
        IdxSource source = switch (labelled) {
            case "mnist" -> MNIST_FILES;
            case "fashion_mnist" -> FASHION_MNIST_FILES;
            default -> throw new IllegalArgumentException("no IDX files for '" + labelled + "'; mnist or fashion_mnist");
        };
        return DataLocation.directory(c, c.get(NAME), MnistFiles.CONTENTS, source.cacheName(),
                d -> d.fetchAll(source.files()));
    }

    private static Dataset cifar10(Config c) {
        Path dir = DataLocation.directory(c, "cifar10", Cifar10Binary.CONTENTS, "cifar10",
                d -> d.fetchUnpacked(DataCatalogue.CIFAR10_BINARY, Cifar10Binary.FOLDER));
        return Cifar10Binary.read("cifar10", dir, train(c));
    }

    private static Dataset stackedMnist(Config c) {
        Path dir = DataLocation.directory(c, "stacked_mnist", MnistFiles.CONTENTS, MNIST_FILES.cacheName(),
                d -> d.fetchAll(DataCatalogue.startingWith(MNIST_FILES.files(), MnistFiles.prefix(true))));
        ImageDataset mnist = MnistFiles.read("mnist", dir, true);
        Rng rng = Rng.forPurpose(c.get(GlobalSettings.SEED), "stacked-mnist");
        return new StackedMnist("stacked_mnist", mnist, c.get(StackedMnist.IMAGES), rng);
    }

    private static Dataset imageFolder(Config c) {
        String path = c.get(PATH);
        if (path == null || path.isBlank()) {
            throw new ConfigException("data.name=image_folder needs data.path, a directory of .png, .jpg or .jpeg images");
        }
        return ImageFolder.read("image_folder", Path.of(path), c.get(ImageFolder.IMAGE_SIZE),
                c.get(ImageFolder.CHANNELS));
    }
}
