package org.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.gantry.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    static final String[] TINY = {"--set", "data.size=2000", "--set", "g.widths=16", "--set", "d.arch=mlp", "--set",
        "d.widths=16", "--set", "train.batch=16", "--set", "eval.samples=100", "--set", "train.threads=1"};
    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();
    final ByteArrayOutputStream out = console.out;
    final ByteArrayOutputStream err = console.err;

    static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void unknownKeyExitsWithTwoAndSuggestsTheKey() {
        assertThat(Main.execute("train", "--set", "train.stpes=10")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown key 'train.stpes' — did you mean 'train.steps'?");
    }

    @Test
    void badValueAndMissingFileExitWithTwo() {
        assertThat(Main.execute("train", "--set", "loss.name=wasserstein")).isEqualTo(2);
        assertThat(err.toString()).contains("'wasserstein'").contains("loss.name").contains("hinge");
        assertThat(Main.execute("train", "--config", "/no/such/file.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("/no/such/file.yaml");
        assertThat(Main.execute("train", "--preset", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown preset 'nope'");
    }

    @Test
    void presetsAndDescribeList() {
        assertThat(Main.execute("presets")).isZero();
        assertThat(out.toString()).contains("ring").contains("(default)").contains("pacgan-grid");
        assertThat(Main.execute("train", "--describe")).isZero();
        assertThat(out.toString()).contains("train.steps").contains("train.d_steps").contains("data.path")
                .contains("loss.name").contains("seed");
    }

    @Test
    void divergenceExitsWithThree(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            csv.append(i % 3).append(' ').append(i % 4).append('\n');
        }
        csv.append("3.4e38 -3.4e38\n");
        Path data = dir.resolve("points.txt");
        Files.writeString(data, csv);
        Path run = dir.resolve("run");
        int code = Main.execute(with(new String[] {"train"}, with(TINY, "--set", "data.name=csv", "--set",
                "data.path=" + data, "--set", "train.steps=100", "--set", "output.checkpoint_every=1", "--out",
                run.toString())));
        assertThat(code).isEqualTo(Main.EXIT_DIVERGED);
        assertThat(err.toString()).contains("diverged at step").contains("last good checkpoint is kept");
        assertThat(Files.readString(run.resolve("summary.json"))).contains("\"diverged\"");
    }

    @Test
    void trainsFromAConfigFileThenResumes(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("tiny.yaml");
        Files.writeString(config, "loss:\n  name: hinge\ntrain:\n  steps: 20\neval:\n  every: 10\n");
        Path run = dir.resolve("run");
        assertThat(Main.execute(with(new String[] {"train"}, with(TINY, "--config", config.toString(), "--out", run.toString()))))
                .isZero();
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("name: hinge");
        assertThat(Main.execute("train", "--resume", run.toString(), "--set", "train.steps=30")).isZero();
        assertThat(Files.readAllLines(run.resolve("metrics.jsonl"))).hasSize(3);
        assertThat(Main.execute("train", "--resume", run.toString(), "--set", "train.steps=40", "--set", "g.lr=0.1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("cannot resume").contains("g.lr");
    }

    @Test
    void evalRepeatsOnARunWritesJsonAndRejectsBadInput(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        assertThat(Main.execute(with(new String[] {"train"}, with(TINY, "--set", "train.steps=20", "--set",
                "eval.every=10", "--out", run.toString())))).isZero();
        assertThat(Main.execute("eval", "--run", run.toString(), "--repeats", "3", "--samples", "200", "--threads", "1"))
                .isZero();
        JsonNode report = Json.mapper().readTree(run.resolve("eval-latest.json").toFile());
        assertThat(report.path("samples").asInt()).isEqualTo(200);
        assertThat(report.path("repeats").asInt()).isEqualTo(3);
        assertThat(report.path("step").asLong()).isEqualTo(20);
        assertThat(report.path("feature_network").asText()).isEqualTo("none");
        JsonNode modes = report.path("metrics").path("modes");
        assertThat(modes.path("per_repeat")).hasSize(3);
        double mean = 0;
        for (JsonNode v : modes.path("per_repeat")) {
            mean += v.asDouble() / 3;
        }
        assertThat(modes.path("mean").asDouble()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(out.toString()).contains("modes").contains("± std")
                .contains("computed on: " + org.gantry.core.engine.Provenance.cpu() + ", ");
        assertThat(report.path("cpu").asText()).isEqualTo(org.gantry.core.engine.Provenance.cpu());
        assertThat(report.path("cpu_capability").asText()).isNotBlank();

        assertThat(Main.execute("eval", "--run", run.toString(), "--repeats", "0")).isEqualTo(2);
        assertThat(Main.execute("eval", "--run", run.toString(), "--checkpoint", dir.resolve("no.ckpt").toString()))
                .isEqualTo(2);
        assertThat(Main.execute("eval", "--run", run.toString(), "--metrics", "fid")).isEqualTo(2);
        assertThat(err.toString()).contains("no.ckpt").contains("metric 'fid' does not apply");
        assertThat(Main.execute("eval", "--run", dir.resolve("nothing").toString())).isEqualTo(2);
        assertThat(Main.execute("eval", "--run", run.toString(), "--threads", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--threads -1 is not allowed; allowed: 0 (one per core) or more");
    }

    @Test
    void evalImagesAgainstAFolderWithATorchScriptFeatureNetwork(@TempDir Path dir) throws IOException {
        Path net = Path.of("../gantry-core/src/test/resources/org/gantry/core/evaluate/pooled_pixels_net.pt");
        Path real = dir.resolve("real");
        Path same = dir.resolve("same");
        Path noise = dir.resolve("noise");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 60; i++) {
            BufferedImage blob = blob(random);
            write(blob, real.resolve(i + ".png"));
            write(blob, same.resolve(i + ".png"));
            BufferedImage n = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    n.getRaster().setSample(x, y, 0, random.nextInt(256));
                }
            }
            write(n, noise.resolve(i + ".png"));
        }
        String[] common = {"--reference", real.toString(), "--feature-network", net.toString(), "--metrics",
            "fid,kid,pr", "--threads", "1", "--image-size", "28", "--channels", "1"};
        Path sameOut = dir.resolve("same.json");
        Path noiseOut = dir.resolve("noise.json");
        assertThat(Main.execute(with(new String[] {"eval", "--images", same.toString(), "--out", sameOut.toString()},
                common))).as("%s", err).isZero();
        assertThat(Main.execute(with(new String[] {"eval", "--images", noise.toString(), "--out", noiseOut.toString()},
                common))).isZero();
        JsonNode a = Json.mapper().readTree(sameOut.toFile()).path("metrics");
        JsonNode b = Json.mapper().readTree(noiseOut.toFile()).path("metrics");
        // The same images: FID 0 up to rounding, every real sample inside the generated manifold and back.
        assertThat(a.path("fid").path("mean").asDouble()).isLessThan(1e-6);
        assertThat(a.path("precision").path("mean").asDouble()).isEqualTo(1.0);
        assertThat(a.path("recall").path("mean").asDouble()).isEqualTo(1.0);
        assertThat(b.path("fid").path("mean").asDouble()).isGreaterThan(1.0);
        assertThat(b.path("precision").path("mean").asDouble()).isLessThan(0.5);
        assertThat(Json.mapper().readTree(sameOut.toFile()).path("feature_network").asText())
                .startsWith("torchscript pooled_pixels_net.pt sha256:");
        assertThat(Main.execute("eval", "--images", same.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--reference");
    }

    /** A bright disc at a random place: stands in for a digit. */
    private static BufferedImage blob(java.util.Random random) {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        int cx = 8 + random.nextInt(12);
        int cy = 8 + random.nextInt(12);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                double d = Math.hypot(x - cx, y - cy);
                img.getRaster().setSample(x, y, 0, d < 5 ? 255 : 0);
            }
        }
        return img;
    }

    private static void write(BufferedImage img, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }
}
