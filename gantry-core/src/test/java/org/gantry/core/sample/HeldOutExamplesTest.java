package org.gantry.core.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gantry.config.Config;
import org.gantry.core.TestConfigs;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldOutExamplesTest {

    /** The ring's held-out examples are fresh draws of its mixture: not the training points, yet on the modes. */
    @Test
    void aKnownMixtureIsDrawnAfresh() {
        Config c = TestConfigs.tiny("data.name=ring");
        Dataset ring = DataSets.create(c);
        HeldOutExamples held = HeldOutExamples.of(c, ring);
        assertThat(held.available()).isEqualTo(Integer.MAX_VALUE);
        assertThat(held.description()).isEqualTo("fresh draws from the ring mixture");
        float[] x = held.draw(200, new Rng(1));
        float[] training = new float[2 * ring.size()];
        ring.fillRange(0, ring.size(), training);
        for (int i = 0; i < 200; i++) {
            double radius = Math.hypot(x[2 * i], x[2 * i + 1]);
            assertThat(radius).isBetween(0.94, 1.06);
            for (int j = 0; j < ring.size(); j++) {
                assertThat(x[2 * i] == training[2 * j] && x[2 * i + 1] == training[2 * j + 1]).isFalse();
            }
        }
    }

    @Test
    void mnistTrainedOnItsTrainingSplitIsCalibratedOnItsTestSplit() {
        Path mnist = Path.of(System.getProperty("gantry.shared", "../shared"), "data", "mnist");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(mnist), "needs ../shared/data/mnist");
        Config c = TestConfigs.tiny("data.name=mnist", "data.path=" + mnist);
        HeldOutExamples held = HeldOutExamples.of(c, DataSets.create(c));
        assertThat(held.description()).isEqualTo("mnist test split");
        assertThat(held.available()).isEqualTo(10_000);
        assertThat(held.draw(3, new Rng(2))).hasSize(3 * 28 * 28);
    }

    @Test
    void dataWithoutAHeldOutPartSaysItIsTheTrainingData(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("p.csv");
        Files.writeString(csv, "0,1\n2,3\n4,5\n");
        Config c = TestConfigs.tiny("data.name=csv", "data.path=" + csv);
        HeldOutExamples held = HeldOutExamples.of(c, DataSets.create(c));
        assertThat(held.available()).isEqualTo(3);
        assertThat(held.description()).contains("training data").contains("not held out");
    }
}
