package org.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.gantry.io.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SampleCommandTest {
    @TempDir
    static Path shared;
    static Path run;
    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();
    final ByteArrayOutputStream err = console.err;

    @BeforeAll
    static void trainATinyRingRun() {
        run = shared.resolve("run");
        assertThat(Main.execute(MainTest.with(new String[] {"train"}, MainTest.with(MainTest.TINY, "--set",
                "train.steps=20", "--set", "eval.every=10", "--out", run.toString())))).isZero();
    }

    /** The three formats hold the same samples: the .npy values, the CSV rows, and a PNG is drawn. */
    @Test
    void writesTheSameSamplesAsNpyAndCsvAndAPlot(@TempDir Path dir) throws IOException {
        Path npy = dir.resolve("s.npy");
        Path csv = dir.resolve("s.csv");
        Path png = dir.resolve("s.png");
        for (Path out : List.of(npy, csv, png)) {
            assertThat(Main.execute("sample", "--run", run.toString(), "--n", "37", "--seed", "4", "--threads", "1",
                    "--out", out.toString())).isZero();
        }
        byte[] bytes = Files.readAllBytes(npy);
        assertThat(new String(bytes, 0, 6, StandardCharsets.ISO_8859_1)).isEqualTo("\u0093NUMPY");
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (37, 2), }").endsWith("\n");
        assertThat((10 + headerLength) % 64).isZero();
        assertThat(bytes.length).isEqualTo(10 + headerLength + 37 * 2 * 4);
        ByteBuffer values = ByteBuffer.wrap(bytes, 10 + headerLength, 37 * 2 * 4).order(ByteOrder.LITTLE_ENDIAN);
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(38);
        assertThat(rows.get(0)).isEqualTo("x1,x2");
        for (int i = 0; i < 37; i++) {
            String[] cells = rows.get(i + 1).split(",");
            assertThat(Float.parseFloat(cells[0])).isEqualTo(values.getFloat());
            assertThat(Float.parseFloat(cells[1])).isEqualTo(values.getFloat());
        }
        assertThat(ImageIO.read(png.toFile()).getWidth()).isPositive();
        JsonNode record = Json.mapper().readTree(dir.resolve("s.npy.json").toFile());
        assertOrigin(record, 20);
        assertThat(record.path("seed").asLong()).isEqualTo(4);
        assertThat(record.path("samples").asInt()).isEqualTo(37);
        assertThat(record.path("sampler").path("name").asText()).isEqualTo("direct");
        assertThat(record.path("sampler").path("acceptance_rate").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aDiscriminatorSamplerReportsItsAcceptanceAndItsSettings(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("drs.csv");
        assertThat(Main.execute("sample", "--run", run.toString(), "--n", "50", "--sampler", "drs", "--set",
                "sample.burn_in=500", "--set", "sample.calibration_samples=500", "--threads", "1", "--out",
                out.toString())).isZero();
        JsonNode sampler = Json.mapper().readTree(dir.resolve("drs.csv.json").toFile()).path("sampler");
        assertThat(sampler.path("name").asText()).isEqualTo("drs");
        assertThat(sampler.path("settings").path("sample.burn_in").asInt()).isEqualTo(500);
        assertThat(sampler.path("settings").path("sample.gamma").asText()).isEqualTo("p95");
        // γ at the 95th percentile of F: at most 5 % of proposals pass with probability up to 1, the
        // rest with less than ½, so at most 0.05 + 0.95 / 2 = 0.525 of them are accepted.
        assertThat(sampler.path("acceptance_rate").asDouble()).isGreaterThan(0).isLessThan(0.525);
        assertThat(sampler.path("proposals_per_sample").asDouble()).isGreaterThan(2);
        assertThat(sampler.path("held_out").asText()).isEqualTo("fresh draws from the ring mixture");
        assertThat(Files.readAllLines(out)).hasSize(51);
    }

    @Test
    void evalThroughASamplerReportsTheSampler() throws IOException {
        Path out = shared.resolve("eval-mh.json");
        assertThat(Main.execute("eval", "--run", run.toString(), "--sampler", "mh_gan", "--set", "sample.steps=5",
                "--set", "sample.calibration_samples=200", "--samples", "200", "--threads", "1", "--out",
                out.toString())).isZero();
        JsonNode report = Json.mapper().readTree(out.toFile());
        assertThat(report.path("sampler").path("name").asText()).isEqualTo("mh_gan");
        // Five proposals a chain, six more for a chain restarted because it never left its real start.
        assertThat(report.path("sampler").path("proposals_per_sample").asDouble()).isBetween(5.0, 11.0);
        assertThat(report.path("metrics").path("modes").path("mean").asDouble()).isBetween(0.0, 8.0);
        assertThat(console.out.toString()).contains("sampler mh_gan");
    }

    /** Geodesics never end with more energy than their straight lines, and the record says so per pair. */
    @Test
    void geodesicsAreDrawnAndMeasured(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("geo.png");
        assertThat(Main.execute("geodesic", "--run", run.toString(), "--pairs", "2", "--segments", "6", "--iterations",
                "50", "--threads", "1", "--out", png.toString())).isZero();
        assertThat(ImageIO.read(png.toFile()).getWidth()).isPositive();
        JsonNode record = Json.mapper().readTree(dir.resolve("geo.png.json").toFile());
        assertOrigin(record, 20);
        // No --seed: the run's own.
        assertThat(Files.readAllLines(run.resolve("config.yaml"))).contains("seed: " + record.path("seed").asLong());
        assertThat(record.path("pairs")).hasSize(2);
        for (JsonNode pair : record.path("pairs")) {
            assertThat(pair.path("geodesic_energy").asDouble()).isLessThanOrEqualTo(pair.path("straight_energy").asDouble());
            assertThat(pair.path("length_ratio").asDouble()).isEqualTo(pair.path("geodesic_length").asDouble()
                    / pair.path("straight_length").asDouble());
        }
        assertThat(Main.execute("geodesic", "--run", run.toString(), "--out", dir.resolve("geo.csv").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("geodesics are drawn as a .png file");
    }

    @Test
    void badInputNamesWhatIsWrongAndWritesNothing(@TempDir Path dir) {
        assertThat(Main.execute("sample", "--run", run.toString(), "--out", dir.resolve("s.txt").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--out " + dir.resolve("s.txt")).contains("allowed: .png, .csv, .npy");
        assertThat(Main.execute("sample", "--run", run.toString(), "--set", "train.steps=5", "--out",
                dir.resolve("s.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--set train.steps=5: only sampler settings (sample.*)");
        assertThat(Main.execute("sample", "--run", run.toString(), "--sampler", "best", "--out",
                dir.resolve("s.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'best'").contains("direct, truncation, drs, mh_gan, rep_gan");
        assertThat(Main.execute("sample", "--run", run.toString(), "--set", "sample.gamma=p200", "--out",
                dir.resolve("s.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("sample.gamma").contains("pN with N in [0, 100]");
        assertThat(Main.execute("sample", "--run", run.toString(), "--n", "0", "--out", dir.resolve("s.csv").toString()))
                .isEqualTo(2);
        assertThat(Main.execute("eval", "--images", dir.toString(), "--reference", "mnist", "--sampler", "drs"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--sampler and --set go with --run");
        assertThat(dir.toFile().list()).isEmpty();
    }

    /** The record's opening fields name the run, its data, the latest checkpoint and its step. */
    private static void assertOrigin(JsonNode record, long step) {
        assertThat(record.path("run").asText()).isEqualTo(run.toAbsolutePath().toString());
        assertThat(record.path("data").asText()).isEqualTo("ring");
        assertThat(record.path("shape")).hasSize(1);
        assertThat(record.path("shape").get(0).asInt()).isEqualTo(2);
        assertThat(record.path("checkpoint").asText()).isEqualTo(
                run.resolve("checkpoints").resolve(String.format("step-%08d.ckpt", step)).toAbsolutePath().toString());
        assertThat(record.path("step").asLong()).isEqualTo(step);
    }
}
