package org.gantry.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.core.checkpoint.CheckpointStore;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.run.GantrySchema;
import org.gantry.core.run.Presets;
import org.gantry.core.run.TrainingRun;
import org.gantry.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real, short dcgan-mnist run on the shared MNIST files. */
class MnistTrainingTest {

    @Test
    void shortDcganRunWritesGridsAndResumesExactly(@TempDir Path dir) throws Exception {
        Path mnist = Path.of(System.getProperty("gantry.shared", "../shared"), "data", "mnist");
        assumeTrue(Files.isDirectory(mnist), "shared MNIST not present");
        TorchEngine.start(1);
        // The pooled-pixel TorchScript network stands in for the trained classifier (minutes to train).
        Path features = Path.of(MnistTrainingTest.class.getResource("/org/gantry/core/evaluate/pooled_pixels_net.pt").toURI());
        List<String> sets = List.of("data.path=" + mnist, "train.threads=1", "g.channels=16,8", "d.channels=8,16",
                "g.self_modulation=true", "train.ema=0.9", "eval.every=10", "output.checkpoint_every=10",
                "eval.feature_network=" + features, "eval.metrics=fid,kid,is,pr,dc", "eval.samples=300",
                "eval.kid_block=100");
        Config full = config(sets, "train.steps=20");
        Map<String, Object> a = TrainingRun.create(full, dir.resolve("full"), List.of()).run();
        assertThat(a.get("status")).isEqualTo("completed");
        for (String png : new String[] {"real.png", "step-00000010.png", "final.png"}) {
            BufferedImage img = ImageIO.read(dir.resolve("full/samples/" + png).toFile());
            // 100 cells of 28 pixels with 1-pixel gutters: 10 × 29 + 1.
            assertThat(img.getWidth()).as(png).isEqualTo(291);
            assertThat(img.getHeight()).as(png).isEqualTo(291);
        }

        assertMetricsLoggedPlottedAndBestKept(dir.resolve("full"));

        TrainingRun.create(config(sets, "train.steps=10"), dir.resolve("part"), List.of()).run();
        Config more = TrainingRun.configOf(dir.resolve("part"), new ConfigBuilder(GantrySchema.create()))
                .set("train.steps=20").build();
        Map<String, Object> b = TrainingRun.resume(more, dir.resolve("part"), List.of()).run();
        assertThat(Files.readAllBytes(dir.resolve("part/samples/final.png")))
                .isEqualTo(Files.readAllBytes(dir.resolve("full/samples/final.png")));
        assertThat(b.get("steps")).isEqualTo(a.get("steps"));
        assertThat(Files.readAllLines(dir.resolve("part/metrics.jsonl")))
                .isEqualTo(Files.readAllLines(dir.resolve("full/metrics.jsonl")));
        assertThat(Files.readString(dir.resolve("part/checkpoints/best.json")))
                .isEqualTo(Files.readString(dir.resolve("full/checkpoints/best.json")));
    }

    @Test
    void shortInfoGanRunReportsCodeAccuracyAndWritesTraversals(@TempDir Path dir) throws Exception {
        Path mnist = Path.of(System.getProperty("gantry.shared", "../shared"), "data", "mnist");
        assumeTrue(Files.isDirectory(mnist), "shared MNIST not present");
        TorchEngine.start(1);
        // The pooled-pixel network's 10-way head stands in for the trained classifier.
        Path features = Path.of(MnistTrainingTest.class.getResource("/org/gantry/core/evaluate/pooled_pixels_net.pt").toURI());
        Config c = config(List.of("data.path=" + mnist, "train.threads=1", "g.channels=16,8", "d.channels=8,16",
                "game.name=infogan", "eval.every=10", "eval.feature_network=" + features, "eval.metrics=fid",
                "eval.samples=300"), "train.steps=10");
        Map<String, Object> summary = TrainingRun.create(c, dir, List.of()).run();
        assertThat(summary).containsKeys("info_loss", "g_info_loss");
        // A best one-to-one matching never scores below the average matching, 1/10.
        assertThat((Double) summary.get("code_accuracy")).isBetween(0.1, 1.0);
        JsonNode row = Json.mapper().readTree(Files.readAllLines(dir.resolve("metrics.jsonl")).get(0));
        assertThat(row.path("code_accuracy").asDouble()).isEqualTo((Double) summary.get("code_accuracy"));
        for (String png : new String[] {"codes-categorical-0.png", "codes-continuous-0.png", "codes-continuous-1.png"}) {
            BufferedImage img = ImageIO.read(dir.resolve("samples/" + png).toFile());
            // Ten rows (latent draws, or the categorical code's values) of ten 28-pixel cells.
            assertThat(img.getWidth()).as(png).isEqualTo(291);
            assertThat(img.getHeight()).as(png).isEqualTo(291);
        }
    }

    /** Every evaluation logs each value with its sample counts; charts exist; best.ckpt is at the lowest FID. */
    private static void assertMetricsLoggedPlottedAndBestKept(Path run) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertThat(lines).hasSize(2);
        double bestFid = Double.POSITIVE_INFINITY;
        long bestStep = -1;
        for (String line : lines) {
            JsonNode row = Json.mapper().readTree(line);
            for (String key : new String[] {"fid", "kid", "kid_block_std", "is", "is_split_std", "precision", "recall",
                "density", "coverage"}) {
                assertThat(row.path(key).isNumber()).as(key + " in " + line).isTrue();
            }
            assertThat(row.path("samples").asInt()).isEqualTo(300);
            assertThat(row.path("reference_samples").asInt()).isEqualTo(300);
            assertThat(row.path("is").asDouble()).isBetween(1.0, 10.0);
            if (row.path("fid").asDouble() < bestFid) {
                bestFid = row.path("fid").asDouble();
                bestStep = row.path("step").asLong();
            }
        }
        for (String chart : new String[] {"fid.png", "kid.png", "precision.png", "d_loss.png"}) {
            assertThat(ImageIO.read(run.resolve("plots").resolve(chart).toFile())).as(chart).isNotNull();
        }
        assertThat(run.resolve("plots/samples.png")).doesNotExist();
        JsonNode best = Json.mapper().readTree(Files.readString(run.resolve("checkpoints/best.json")));
        assertThat(best.path("metric").asText()).isEqualTo("fid");
        assertThat(best.path("step").asLong()).isEqualTo(bestStep);
        assertThat(best.path("value").asDouble()).isEqualTo(bestFid);
        assertThat(CheckpointStore.readConfig(run.resolve("checkpoints/best.ckpt"))).contains("fid");
    }

    private static Config config(List<String> sets, String steps) {
        ConfigBuilder b = new ConfigBuilder(GantrySchema.create()).apply(Presets.load("dcgan-mnist"), "preset");
        sets.forEach(b::set);
        return b.set(steps).build();
    }
}
