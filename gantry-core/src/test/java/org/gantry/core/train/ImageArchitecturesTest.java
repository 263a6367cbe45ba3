package org.gantry.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.TestConfigs;
import org.gantry.core.TestImages;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.Network;
import org.gantry.core.nn.Architectures;
import org.junit.jupiter.api.Test;

class ImageArchitecturesTest {
    private static final String[] SMALL = {"g.channels=8,8", "d.channels=8,8", "g.z_dim=4", "train.batch=4",
        "g.self_modulation_hidden=4"};

    static Config small(String... sets) {
        List<String> all = new ArrayList<>(List.of(SMALL));
        all.addAll(List.of(sets));
        return TestConfigs.tiny(all.toArray(String[]::new));
    }

    static StepResult oneStep(Config c, TestImages data) {
        try (GanModel model = new GanModel(c, data.exampleShape())) {
            StepResult r = GanTrainerTest.trainer(model, c, data).trainStep();
            float[] samples = model.generate(new float[3 * 4], 3);
            assertThat(samples).hasSize(3 * data.exampleLength());
            boolean tanhOutput = !c.get(Architectures.G_ARCH).equals("mlp");
            for (float v : samples) {
                assertThat(v).isFinite();
                if (tanhOutput) {
                    assertThat(v).isBetween(-1f, 1f);
                }
            }
            return r;
        }
    }

    @Test
    void everyGeneratorWithEveryDiscriminatorTrainsOnGreyAndColourImages() {
        for (int channels : new int[] {1, 3}) {
            TestImages data = new TestImages(16, channels, 8, 3);
            for (String g : Architectures.GENERATORS.names()) {
                for (String d : Architectures.DISCRIMINATORS.names()) {
                    for (boolean modulated : new boolean[] {false, true}) {
                        Config c = small("g.arch=" + g, "d.arch=" + d, "g.self_modulation=" + modulated,
                                "g.widths=16");
                        assertThat(oneStep(c, data).finite()).as("%s/%s/%s/%d", g, d, modulated, channels).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void everyNormalisationWorksInEveryConvolutionalNetwork() {
        TestImages data = new TestImages(16, 1, 8, 4);
        for (String arch : new String[] {"dcgan", "sndcgan", "resnet"}) {
            for (String norm : new String[] {"none", "batch", "layer", "spectral", "weight", "ghost_batch",
                "virtual_batch"}) {
                Config c = small("g.arch=" + arch, "d.arch=" + arch, "g.norm=" + norm, "d.norm=" + norm,
                        "g.upsample=pixel_shuffle", "g.ghost_batch=2", "d.ghost_batch=2", "g.reference_batch=3",
                        "d.reference_batch=3");
                assertThat(oneStep(c, data).finite()).as("%s/%s", arch, norm).isTrue();
            }
            for (String norm : new String[] {"batch", "layer"}) {
                Config c = small("g.arch=" + arch, "d.arch=" + arch, "g.norm=" + norm, "g.self_modulation=true");
                assertThat(oneStep(c, data).finite()).as("%s/self-modulated %s", arch, norm).isTrue();
            }
        }
    }

    @Test
    void normalisationsThatCannotActAreRefusedWithTheReason() {
        Config minibatch = small("g.arch=dcgan", "d.arch=dcgan", "d.norm=virtual_batch", "d.minibatch_kernels=4");
        assertThatThrownBy(() -> new GanModel(minibatch, new int[] {1, 8, 8})).isInstanceOf(ConfigException.class)
                .hasMessageContaining("d.minibatch_kernels=4");
        Config maxout = small("d.arch=maxout", "d.norm=ghost_batch");
        assertThatThrownBy(() -> new GanModel(maxout, new int[] {2})).isInstanceOf(ConfigException.class)
                .hasMessageContaining("d.arch=maxout").hasMessageContaining("d.norm=ghost_batch");
    }

    @Test
    void aReferenceBatchLargerThanTheFirstBatchIsNamed() {
        Config c = small("g.arch=dcgan", "d.arch=dcgan", "d.norm=virtual_batch", "d.reference_batch=5");
        try (GanModel model = new GanModel(c, new int[] {1, 8, 8})) {
            assertThatThrownBy(() -> GanTrainerTest.trainer(model, c, new TestImages(16, 1, 8, 3)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("d.reference_batch")
                    .hasMessageContaining("train.batch=4");
        }
    }

    @Test
    void selfModulationNeedsANormalisationToModulate() {
        Config c = small("g.arch=dcgan", "d.arch=dcgan", "g.norm=spectral", "g.self_modulation=true");
        assertThatThrownBy(() -> new GanModel(c, new int[] {1, 8, 8})).isInstanceOf(ConfigException.class)
                .hasMessageContaining("g.norm=batch");
    }

    @Test
    void imageSizeThatTheGeneratorCannotReachIsNamed() {
        Config c = small("g.arch=dcgan", "d.arch=dcgan", "g.channels=8,8,8");
        assertThatThrownBy(() -> new GanModel(c, new int[] {1, 28, 28})).isInstanceOf(ConfigException.class)
                .hasMessageContaining("g.channels=[8, 8, 8]").hasMessageContaining("not divisible by 8");
    }

    static long trainable(Network n) {
        long count = 0;
        for (Parameter p : n.parameters()) {
            if (p.requiresGradient()) {
                count += p.getArray().size();
            }
        }
        return count;
    }

    /**
     * The dcgan-mnist networks as the speed benchmark specifies them, counted by hand:
     * G = (64·6272 + 6272) + 2·6272 + (128·64·9 + 64) + 2·64 + (64·9 + 1) = 494,721;
     * D = (16·64 + 64) + (64·128·16 + 128) + 2·128 + (6272 + 1) = 138,817.
     */
    @Test
    void dcganMnistHasExactlyTheSpecifiedLayers() {
        Config c = TestConfigs.tiny("g.arch=dcgan", "d.arch=dcgan", "g.z_dim=64");
        try (GanModel model = new GanModel(c, new int[] {1, 28, 28})) {
            assertThat(trainable(model.generator())).isEqualTo(494_721);
            assertThat(trainable(model.discriminator())).isEqualTo(138_817);
        }
    }

    @Test
    void convolutionalTrainingCreatesNoLastingArrays() {
        Config c = small("g.arch=resnet", "d.arch=sndcgan", "g.self_modulation=true", "train.ema=0.9");
        TestImages data = new TestImages(16, 3, 8, 5);
        try (GanModel model = new GanModel(c, data.exampleShape())) {
            GanTrainer t = GanTrainerTest.trainer(model, c, data);
            for (int i = 0; i < 3; i++) {
                t.trainStep();
            }
            int before = model.manager().getManagedArrays().size();
            for (int i = 0; i < 40; i++) {
                t.trainStep();
            }
            assertThat(model.manager().getManagedArrays()).hasSize(before);
            assertThat(GanTrainerTest.gradientNorm(model.generator())).isZero();
            assertThat(GanTrainerTest.gradientNorm(model.discriminator())).isZero();
        }
    }
}
