package org.gantry.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.gantry.config.Config;
import org.gantry.core.TestConfigs;
import org.gantry.core.TestImages;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.model.GanModel;
import org.gantry.core.nn.Architectures;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two trainings of one seed with one thread count give bit-identical losses at every step: an MLP
 * GAN and convolutional GANs (DCGAN with batch norm, ResNet with an R1 penalty, which back-propagates
 * through the discriminator's input gradient), at one and two threads, with garbage collections
 * forced between steps so that no native memory the step still needs can be freed under it. Loss
 * values are compared as bits, not within a tolerance: any read of memory nobody wrote, any race
 * between threads, any kernel that rounds differently from call to call shows.
 */
class RepeatabilityTest {
    private static final int STEPS = 12;

    @AfterAll
    static void oneThreadAgain() {
        TorchEngine.start(1);
    }

    @Test
    void mlpGanRepeatsExactly() {
        for (int threads : new int[] {1, 2}) {
            Config c = TestConfigs.tiny("train.threads=" + threads);
            assertRepeats(c, DataSets.create(c), threads);
        }
    }

    @Test
    void convolutionalGansRepeatExactly() {
        TestImages data = new TestImages(64, 1, 16, 5);
        for (int threads : new int[] {1, 2}) {
            assertRepeats(ImageArchitecturesTest.small("g.arch=dcgan", "d.arch=dcgan", "g.norm=batch",
                    "train.batch=16", "train.threads=" + threads), data, threads);
            assertRepeats(ImageArchitecturesTest.small("g.arch=resnet", "d.arch=resnet", "regulariser.name=r1",
                    "regulariser.weight=1", "train.batch=16", "train.threads=" + threads), data, threads);
        }
    }

    private static void assertRepeats(Config c, Dataset data, int threads) {
        TorchEngine.start(threads);
        List<Long> first = losses(c, data);
        List<Long> second = losses(c, data);
        assertThat(first).hasSize(2 * STEPS);
        assertThat(second).as("loss bits, %d thread(s), %s", threads, c.get(Architectures.G_ARCH))
                .containsExactlyElementsOf(first);
    }

    /** The discriminator's and the generator's loss at every step, as bits. */
    private static List<Long> losses(Config c, Dataset data) {
        List<Long> out = new ArrayList<>();
        try (GanModel model = new GanModel(c, data.exampleShape());
                GanTrainer trainer = GanTrainerTest.trainer(model, c, data)) {
            for (int i = 0; i < STEPS; i++) {
                StepResult r = trainer.trainStep();
                assertThat(r.finite()).as("step %d", i + 1).isTrue();
                out.add(Double.doubleToRawLongBits(r.discriminatorLoss()));
                out.add(Double.doubleToRawLongBits(r.generatorLoss()));
                System.gc();
            }
        }
        return out;
    }
}
