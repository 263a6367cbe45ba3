package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gantry.eval.DensityCoverage;
import org.gantry.eval.MeanStd;
import org.gantry.eval.PrecisionRecall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Option checks of bench/eval (exit 2 before any engine or data work) and its table rows. */
class EvalBenchTest {
    @TempDir
    Path dir;

    /** A directory with the four MNIST file names (empty files: the checks look only at names). */
    private Path fakeMnist() throws IOException {
        for (String base : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            Files.createFile(dir.resolve(base + ".gz"));
        }
        return dir;
    }

    private static EvalBench parsed(String... args) {
        EvalBench bench = new EvalBench();
        new CommandLine(bench).parseArgs(args);
        return bench;
    }

    @Test
    void usableOptionsPass() throws IOException {
        Path mnist = fakeMnist();
        assertThat(parsed("--samples", "10", "--repeats", "1", "--threads", "1").checkOptions(mnist)).isNull();
        assertThat(parsed().checkOptions(mnist)).isNull();
    }

    @Test
    void sampleCountsOutsideTheTestSplitOrBelowTheSplitsAreRefused() throws IOException {
        Path mnist = fakeMnist();
        assertThat(parsed("--samples", "9").checkOptions(mnist)).contains("--samples must be in [10, 10000]");
        assertThat(parsed("--samples", "10001").checkOptions(mnist)).contains("got 10001");
    }

    @Test
    void zeroThreadsOrRepeatsAreRefused() throws IOException {
        Path mnist = fakeMnist();
        assertThat(parsed("--threads", "0").checkOptions(mnist)).contains("--threads and --repeats");
        assertThat(parsed("--repeats", "0").checkOptions(mnist)).contains("--threads and --repeats");
    }

    @Test
    void missingTestFilesAreNamed() throws IOException {
        Path mnist = fakeMnist();
        Files.delete(mnist.resolve("t10k-images-idx3-ubyte.gz"));
        assertThat(parsed().checkOptions(mnist)).contains("has no t10k-images-idx3-ubyte.gz");
    }

    @Test
    void badOptionsExitWithTwo() {
        StringWriter err = new StringWriter();
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CommandLine cli = new CommandLine(new EvalBench()).setErr(new PrintWriter(err));
            assertThat(cli.execute("--samples", "0", "--mnist", dir.toString())).isEqualTo(2);
            assertThat(cli.execute("--mnist", dir.resolve("absent").toString())).isEqualTo(2);
            assertThat(cli.execute("--repeats", "three")).isEqualTo(2);
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("bench: --samples must be")
                .contains("bench: MNIST not found");
        assertThat(err.toString()).contains("'three' is not an int");
    }

    @Test
    void rowsFormatTimesRatesAndValues() {
        WallTimes t = new WallTimes(2500, 2400.25, 2600, 3);
        assertThat(EvalReport.extractionRow(new EvalReport.TimingRow("embed", 10_000, t), 2))
                .isEqualTo("| embed | 10,000 | 2,500.0 | 2,400.3–2,600.0 | 4,000 | 2 |");
        assertThat(EvalReport.metricRow(new EvalReport.TimingRow("KID", 0, t)))
                .isEqualTo("| KID | 2,500.0 | 2,400.3–2,600.0 |");
        EvalReport.ValueRow v = new EvalReport.ValueRow("train", 10_000, 1.23456, new MeanStd(0.0001234, 0.0005, 10),
                new MeanStd(9.5, 0.05, 10), new PrecisionRecall(0.75, 0.5), new DensityCoverage(1.0125, 0.25));
        assertThat(EvalReport.valueRow(v)).isEqualTo(
                "| train | 10,000 | 1.235 | 0.123 ± 0.500 | 9.500 ± 0.050 | 0.7500 | 0.5000 | 1.0125 | 0.2500 |");
    }
}
