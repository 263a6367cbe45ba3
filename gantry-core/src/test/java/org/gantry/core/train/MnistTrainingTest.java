package org.gantry.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.core.engine.TorchEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real, short dcgan-mnist run on the shared MNIST files. */
class MnistTrainingTest {

    @Test
    void shortDcganRunWritesGridsAndResumesExactly(@TempDir Path dir) throws Exception {
        Path mnist = Path.of(System.getProperty("gantry.shared", "../shared"), "data", "mnist");
        assumeTrue(Files.isDirectory(mnist), "shared MNIST not present");
        TorchEngine.start(1);
        List<String> sets = List.of("data.path=" + mnist, "train.threads=1", "g.channels=16,8", "d.channels=8,16",
                "g.self_modulation=true", "train.ema=0.9", "eval.every=10", "output.checkpoint_every=10");
        Config full = config(sets, "train.steps=20");
        Map<String, Object> a = TrainingRun.create(full, dir.resolve("full"), List.of()).run();
        assertThat(a.get("status")).isEqualTo("completed");
        for (String png : new String[] {"real.png", "step-00000010.png", "final.png"}) {
            BufferedImage img = ImageIO.read(dir.resolve("full/samples/" + png).toFile());
            // 100 cells of 28 pixels with 1-pixel gutters: 10 × 29 + 1.
            assertThat(img.getWidth()).as(png).isEqualTo(291);
            assertThat(img.getHeight()).as(png).isEqualTo(291);
        }

        TrainingRun.create(config(sets, "train.steps=10"), dir.resolve("part"), List.of()).run();
        Config more = TrainingRun.configOf(dir.resolve("part"), new ConfigBuilder(GantrySchema.create()))
                .set("train.steps=20").build();
        Map<String, Object> b = TrainingRun.resume(more, dir.resolve("part"), List.of()).run();
        assertThat(Files.readAllBytes(dir.resolve("part/samples/final.png")))
                .isEqualTo(Files.readAllBytes(dir.resolve("full/samples/final.png")));
        assertThat(b.get("steps")).isEqualTo(a.get("steps"));
    }

    private static Config config(List<String> sets, String steps) {
        ConfigBuilder b = new ConfigBuilder(GantrySchema.create()).apply(Presets.load("dcgan-mnist"), "preset");
        sets.forEach(b::set);
        return b.set(steps).build();
    }
}
