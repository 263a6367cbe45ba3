package org.gantry.bench;

import java.io.PrintStream;
import java.util.List;
import org.gantry.eval.DensityCoverage;
import org.gantry.eval.FloatProducts;
import org.gantry.eval.InceptionScore;
import org.gantry.eval.KernelDistance;
import org.gantry.eval.MeanStd;
import org.gantry.eval.PrecisionRecall;

/**
 * The Markdown report of bench/eval: how fast features are extracted and images generated, how
 * fast each metric is on N vs N features, and the metric values of a real-vs-real and an
 * untrained-generator-vs-real comparison, with the footnotes that make them comparable (sample
 * counts, feature network, CPU, versions, memory).
 *
 * @param setup what was run
 * @param extraction feature extraction and generation, one row each
 * @param metrics one row per metric, on the real test features vs the real training subset's
 * @param values one row per set compared with the real test set
 * @param referenceScore the Inception-style score of the real test set itself
 */
record EvalReport(Setup setup, List<TimingRow> extraction, List<TimingRow> metrics, List<ValueRow> values,
        MeanStd referenceScore) {

    /**
     * @param samples images per set (N)
     * @param repeats timed runs per row
     * @param warmup images of the untimed warm-up embedding and generation
     * @param threads libtorch intra-op threads, and the threads of the metric code's pool
     * @param featureNetwork the feature network's identity
     * @param classifierNote where the classifier came from (cache or trained in this run) and its test accuracy
     */
    record Setup(int samples, int repeats, int warmup, int threads, String featureNetwork, String classifierNote) {}

    /** One timed step; {@code items} images, or 0 where a rate means nothing. */
    record TimingRow(String what, int items, WallTimes times) {}

    /** The metrics of one set of {@code count} images against the real test set. */
    record ValueRow(String set, int count, double fid, MeanStd kid, MeanStd inceptionScore, PrecisionRecall pr,
            DensityCoverage dc) {}

    /**
     * @param cpu this machine's processor
     * @param versions libtorch, DJL and Java versions
     * @param peakResidentMiB the process's peak resident memory
     * @param heapMaxMiB the JVM's maximum heap
     */
    record Environment(CpuPeak cpu, String versions, double peakResidentMiB, double heapMaxMiB) {}

    void print(PrintStream out, Environment env) {
        out.println();
        out.printf("Evaluation on CPU: %,d vs %,d MNIST images, feature network %s%n", setup.samples(), setup.samples(),
                setup.featureNetwork());
        out.println();
        out.printf("Feature extraction and generation, %,d images, median of %d runs%n", setup.samples(),
                setup.repeats());
        out.println();
        out.println("| step | images | ms (median) | min–max ms | images/s | libtorch threads |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (TimingRow r : extraction) {
            out.println(extractionRow(r, setup.threads()));
        }
        out.println();
        out.printf("Metrics on %,d vs %,d features (MNIST test vs MNIST train subset), median of %d runs%n",
                setup.samples(), setup.samples(), setup.repeats());
        out.println();
        out.println("| metric | ms (median) | min–max ms |");
        out.println("|---|---:|---:|");
        for (TimingRow r : metrics) {
            out.println(metricRow(r));
        }
        out.println();
        out.printf("Values against MNIST test (%,d images), feature network %s%n", setup.samples(),
                setup.featureNetwork());
        out.println();
        out.printf("| compared set | images | FID | KID ×10³ (± block std) | IS (± split std) | precision | recall "
                + "| density | coverage |%n");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (ValueRow v : values) {
            out.println(valueRow(v));
        }
        out.println();
        out.printf("- IS of MNIST test itself (%,d images): %s.%n", setup.samples(), meanStd(referenceScore, 1));
        out.printf("- Settings: KID unbiased, cubic kernel, blocks of %d (± over blocks); IS %d splits (± over splits, "
                + "of the compared set); precision/recall k = %d (precision: compared set inside the test set's "
                + "k-NN balls); density/coverage k = %d on the test set's balls.%n", KernelDistance.DEFAULT_BLOCK_SIZE,
                InceptionScore.DEFAULT_SPLITS, PrecisionRecall.DEFAULT_K, DensityCoverage.DEFAULT_K);
        out.printf("- Timing: wall time of each call, %d runs each after an untimed warm-up of %,d images for "
                + "embedding and generation (none for the metrics, so the slowest metric run includes JIT "
                + "compilation); feature and sample arrays are built outside the timed interval. Metrics are plain "
                + "Java on a %d-thread fork-join pool (FID's matrix products on EJML's own pool), except the "
                + "float products that precision/recall and density/coverage screen pairs with: %s, rechecked in "
                + "double where a radius is within rounding. \"FID, first "
                + "call\" includes the real covariance's square root, which the statistics keep, so later FIDs "
                + "against the same reference take the \"cached\" time; precision/recall and density/coverage "
                + "include computing the k-NN radii of both sets (the test set's are reused in training).%n",
                setup.repeats(), setup.warmup(), setup.threads(), FloatProducts.fastest().name());
        out.println("- Classifier: " + setup.classifierNote() + ".");
        out.printf("- CPU: %s, %d threads (%d available processors).%n", env.cpu().model(), setup.threads(),
                Runtime.getRuntime().availableProcessors());
        out.println("- Versions: " + env.versions() + ".");
        out.printf("- Memory: peak resident %.1f MiB; JVM heap max %.0f MiB.%n", env.peakResidentMiB(),
                env.heapMaxMiB());
    }

    static String extractionRow(TimingRow r, int threads) {
        WallTimes t = r.times();
        return String.format("| %s | %,d | %,.1f | %,.1f–%,.1f | %,.0f | %d |", r.what(), r.items(), t.medianMs(),
                t.minMs(), t.maxMs(), t.perSecond(r.items()), threads);
    }

    static String metricRow(TimingRow r) {
        WallTimes t = r.times();
        return String.format("| %s | %,.1f | %,.1f–%,.1f |", r.what(), t.medianMs(), t.minMs(), t.maxMs());
    }

    static String valueRow(ValueRow v) {
        return String.format("| %s | %,d | %.3f | %s | %s | %.4f | %.4f | %.4f | %.4f |", v.set(), v.count(), v.fid(),
                meanStd(v.kid(), 1000), meanStd(v.inceptionScore(), 1), v.pr().precision(), v.pr().recall(),
                v.dc().density(), v.dc().coverage());
    }

    /** {@code mean ± std}, both times {@code scale}, three decimals. */
    static String meanStd(MeanStd m, double scale) {
        return String.format("%.3f ± %.3f", m.mean() * scale, m.std() * scale);
    }
}
