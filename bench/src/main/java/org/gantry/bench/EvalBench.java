package org.gantry.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.features.ClassifierFeatures;
import org.gantry.core.features.ClassifierListener;
import org.gantry.core.game.Games;
import org.gantry.core.model.GanModel;
import org.gantry.data.Downloader;
import org.gantry.data.ImageDataset;
import org.gantry.data.MnistFiles;
import org.gantry.data.Subsets;
import org.gantry.eval.DensityCoverage;
import org.gantry.eval.Embedding;
import org.gantry.eval.FeatureMatrix;
import org.gantry.eval.FrechetDistance;
import org.gantry.eval.GaussianStatistics;
import org.gantry.eval.InceptionScore;
import org.gantry.eval.KernelDistance;
import org.gantry.eval.MeanStd;
import org.gantry.eval.PrecisionRecall;
import org.gantry.random.Rng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Times evaluation on MNIST and prints reference values, as Markdown tables: feature extraction
 * with Gantry's classifier (images/s), generation by an untrained dcgan-mnist generator, each metric
 * on N vs N features, and FID, KID, IS, precision/recall and density/coverage of the MNIST training
 * split and of the untrained generator against the MNIST test split. The real-vs-real row is the
 * floor a trained generator can approach at this sample count; the untrained row the ceiling.
 */
@Command(name = "bench/eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluation on MNIST: feature extraction and metric speed, reference values; prints tables.")
public final class EvalBench implements Callable<Integer> {
    /** The MNIST test split's size: the most images per set. */
    static final int MAX_SAMPLES = 10_000;
    /** Images of the untimed warm-up embedding and generation (fewer when --samples is smaller). */
    static final int WARMUP_IMAGES = 1_000;
    private static final int[] MNIST_SHAPE = {1, 28, 28};

    @Option(names = "--mnist", paramLabel = "DIR",
            description = "MNIST IDX files (default: ../shared/data/mnist from the Gantry checkout).")
    Path mnist;

    @Option(names = "--samples", paramLabel = "N",
            description = "Images per set: MNIST test, MNIST train subset, generated (default ${DEFAULT-VALUE}).")
    int samples = MAX_SAMPLES;

    @Option(names = "--threads",
            description = "libtorch intra-op threads and metric threads (default: available processors, here "
                    + "${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--repeats", paramLabel = "R",
            description = "Timed runs of each step; median, min and max are reported (default ${DEFAULT-VALUE}).")
    int repeats = 3;

    @Option(names = "--seed",
            description = "Seed of the subsets, the latent vectors, the generator and (when it is trained) the "
                    + "classifier (default ${DEFAULT-VALUE}).")
    long seed = 0;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EvalBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path data = BenchData.mnist(mnist);
        String problem = checkOptions(data);
        if (problem != null) {
            System.err.println("bench: " + problem);
            return 2;
        }
        TorchEngine.start(threads);
        ForkJoinPool pool = new ForkJoinPool(threads);
        ClassifierProgress progress = new ClassifierProgress();
        try {
            progress("reading MNIST from %s", data);
            ImageDataset test = MnistFiles.read("mnist", data, false);
            ImageDataset train = MnistFiles.read("mnist", data, true);
            // The test subset as training's evaluation draws it (all 10,000 in stored order by default).
            float[] testImages = Subsets.draw(test, samples, Rng.forPurpose(seed, "eval-reference"));
            float[] trainImages = Subsets.draw(train, samples, Rng.forPurpose(seed, "bench-eval-train"));
            Config config = GantryStepper.config(data, threads, seed);
            try (ClassifierFeatures network = ClassifierFeatures.forDataset("mnist", data,
                    Downloader.defaultCacheDir(), seed, threads, progress);
                    GanModel model = Games.model(config, MNIST_SHAPE)) {
                EvalReport report = measure(network, model, testImages, trainImages, progress, pool);
                report.print(System.out, new EvalReport.Environment(CpuPeak.read(), versions(),
                        ResidentMemory.peakMiB(), Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0)));
            }
        } catch (ConfigException e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        } finally {
            pool.shutdown();
        }
        return 0;
    }

    /** Null when the options are usable, else what is wrong with them. */
    String checkOptions(Path data) {
        if (samples < InceptionScore.DEFAULT_SPLITS || samples > MAX_SAMPLES) {
            return "--samples must be in [" + InceptionScore.DEFAULT_SPLITS + ", " + MAX_SAMPLES + "] (at least one "
                    + "image per IS split, at most the MNIST test split), got " + samples;
        }
        if (threads < 1 || repeats < 1) {
            return "--threads and --repeats must be at least 1, got " + threads + " and " + repeats;
        }
        for (String base : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            if (!Files.isRegularFile(data.resolve(base + ".gz")) && !Files.isRegularFile(data.resolve(base))) {
                return "MNIST not found: " + data + " has no " + base + ".gz; give " + MnistFiles.CONTENTS
                        + " with --mnist DIR";
            }
        }
        return null;
    }

    private EvalReport measure(ClassifierFeatures network, GanModel model, float[] testImages, float[] trainImages,
            ClassifierProgress classifier, ForkJoinPool pool) throws InterruptedException, ExecutionException {
        int warmup = Math.min(WARMUP_IMAGES, samples);
        progress("warm-up: embedding and generating %,d images", warmup);
        network.embed(testImages, warmup);
        float[] z = new float[samples * model.latentSize()];
        model.drawLatent(Rng.forPurpose(seed, "bench-eval-latent"), z);
        model.generate(z, warmup);

        progress("embedding %,d MNIST test images, %d runs", samples, repeats);
        WallTimes.Timed<Embedding> test = WallTimes.repeat(repeats, () -> network.embed(testImages, samples));
        progress("embedding %,d MNIST training images, %d runs", samples, repeats);
        WallTimes.Timed<Embedding> train = WallTimes.repeat(repeats, () -> network.embed(trainImages, samples));
        progress("generating %,d images, %d runs", samples, repeats);
        WallTimes.Timed<float[]> generated = WallTimes.repeat(repeats, () -> model.generate(z, samples));
        progress("embedding %,d generated images, %d runs", samples, repeats);
        WallTimes.Timed<Embedding> fake = WallTimes.repeat(repeats, () -> network.embed(generated.value(), samples));
        List<EvalReport.TimingRow> extraction = List.of(
                new EvalReport.TimingRow("embed MNIST test", samples, test.times()),
                new EvalReport.TimingRow("embed MNIST train subset", samples, train.times()),
                new EvalReport.TimingRow("generate, untrained dcgan-mnist G", samples, generated.times()),
                new EvalReport.TimingRow("embed generated", samples, fake.times()));

        // Inside the pool, so that the metrics' parallel streams run on --threads threads.
        EvalReport.Setup setup = new EvalReport.Setup(samples, repeats, warmup, threads, network.identity(),
                String.format("%s (%.0f s of training, seed %d), test accuracy %.2f %%",
                        classifier.trained ? "trained in this run" : "loaded from the cache",
                        network.info().trainSeconds(), network.info().seed(), 100 * network.info().testAccuracy()));
        return pool.submit(() -> metrics(setup, extraction, test.value(), train.value(), fake.value())).get();
    }

    private EvalReport metrics(EvalReport.Setup setup, List<EvalReport.TimingRow> extraction, Embedding test,
            Embedding train, Embedding fake) {
        FeatureMatrix real = test.features();
        FeatureMatrix other = train.features();
        progress("metric timings on %,d vs %,d features, %d runs each", samples, samples, repeats);
        WallTimes.Timed<GaussianStatistics> reference = WallTimes.repeat(repeats, () -> GaussianStatistics.of(real));
        GaussianStatistics trainStatistics = GaussianStatistics.of(other);
        GaussianStatistics stored = reference.value();
        // Fresh copies of the reference statistics, so each run computes the square root of their covariance.
        WallTimes.Timed<Double> fidFirst = WallTimes.repeat(repeats,
                () -> GaussianStatistics.of(stored.mean(), stored.covariance(), stored.count()),
                s -> FrechetDistance.between(s, trainStatistics));
        FrechetDistance.between(stored, trainStatistics);
        WallTimes.Timed<Double> fidCached = WallTimes.repeat(repeats,
                () -> FrechetDistance.between(stored, trainStatistics));
        WallTimes.Timed<MeanStd> kid = WallTimes.repeat(repeats,
                () -> KernelDistance.between(real, other, KernelDistance.DEFAULT_BLOCK_SIZE));
        WallTimes.Timed<MeanStd> score = WallTimes.repeat(repeats,
                () -> InceptionScore.of(train.probabilities(), InceptionScore.DEFAULT_SPLITS));
        WallTimes.Timed<PrecisionRecall> pr = WallTimes.repeat(repeats,
                () -> PrecisionRecall.of(real, other, PrecisionRecall.DEFAULT_K));
        WallTimes.Timed<DensityCoverage> dc = WallTimes.repeat(repeats,
                () -> DensityCoverage.of(real, other, DensityCoverage.DEFAULT_K));
        List<EvalReport.TimingRow> metrics = List.of(
                new EvalReport.TimingRow("reference statistics (mean, covariance)", samples, reference.times()),
                new EvalReport.TimingRow("FID from statistics, first call (√C_real computed)", 0, fidFirst.times()),
                new EvalReport.TimingRow("FID from statistics, √C_real cached", 0, fidCached.times()),
                new EvalReport.TimingRow("KID, blocks of " + KernelDistance.DEFAULT_BLOCK_SIZE, 0, kid.times()),
                new EvalReport.TimingRow("IS, " + InceptionScore.DEFAULT_SPLITS + " splits", 0, score.times()),
                new EvalReport.TimingRow("precision/recall, k = " + PrecisionRecall.DEFAULT_K, 0, pr.times()),
                new EvalReport.TimingRow("density/coverage, k = " + DensityCoverage.DEFAULT_K, 0, dc.times()));

        progress("metric values of the untrained generator");
        FeatureMatrix generated = fake.features();
        EvalReport.ValueRow realRow = new EvalReport.ValueRow("MNIST train subset", samples, fidCached.value(),
                kid.value(), score.value(), pr.value(), dc.value());
        EvalReport.ValueRow fakeRow = new EvalReport.ValueRow("untrained dcgan-mnist G", samples,
                FrechetDistance.between(stored, GaussianStatistics.of(generated)),
                KernelDistance.between(real, generated, KernelDistance.DEFAULT_BLOCK_SIZE),
                InceptionScore.of(fake.probabilities(), InceptionScore.DEFAULT_SPLITS),
                PrecisionRecall.of(real, generated, PrecisionRecall.DEFAULT_K),
                DensityCoverage.of(real, generated, DensityCoverage.DEFAULT_K));
        MeanStd referenceScore = InceptionScore.of(test.probabilities(), InceptionScore.DEFAULT_SPLITS);
        return new EvalReport(setup, extraction, metrics, List.of(realRow, fakeRow), referenceScore);
    }

    private static String versions() {
        return String.format("libtorch %s via DJL %s, Java %s", TorchEngine.libtorchVersion(), TorchEngine.djlVersion(),
                System.getProperty("java.version"));
    }

    /** Progress goes to stderr so that stdout holds only the report. */
    private static void progress(String format, Object... args) {
        System.err.printf(format + "%n", args);
    }

    /** The classifier's messages and training epochs on stderr; remembers whether it was trained here. */
    private static final class ClassifierProgress implements ClassifierListener {
        private boolean trained;

        @Override
        public void onMessage(String message) {
            progress("classifier: %s", message);
        }

        @Override
        public void onStart(int epochs, int batchesPerEpoch) {
            trained = true;
            progress("classifier: training %d epochs of %d batches", epochs, batchesPerEpoch);
        }

        @Override
        public void onEpoch(int epoch, double meanLoss, double testAccuracy) {
            progress("classifier: epoch %d, loss %.4f, test accuracy %.2f %%", epoch, meanLoss, 100 * testAccuracy);
        }
    }
}
