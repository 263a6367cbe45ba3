package org.gantry.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.TestConfigs;
import org.gantry.core.train.GanTrainer;
import org.gantry.core.train.StepResult;
import org.gantry.data.DataSets;
import org.gantry.data.Dataset;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * PacGAN's packing (d.pack): a discriminator that judges m samples at once is, bit for bit, an
 * unpacked discriminator of m-fold wider inputs fed the samples stacked by hand.
 */
class PackingTest {

    @Test
    void packedPointsAreConsecutiveSamplesSideBySide() {
        Config packed = TestConfigs.tiny("d.pack=2");
        Config wide = TestConfigs.tiny();
        try (GanModel a = new GanModel(packed, new int[] {2}); GanModel b = new GanModel(wide, new int[] {4});
                NDManager m = NDManager.newBaseManager()) {
            float[] x = new float[6 * 2];
            new Rng(5).fillGaussian(x);
            // Rows (x0, x1), (x2, x3), (x4, x5): the same numbers read as three points of 4 coordinates.
            float[] got = a.discriminator().forward(m.create(x, new Shape(6, 2)), false).toFloatArray();
            float[] byHand = b.discriminator().forward(m.create(x, new Shape(3, 4)), false).toFloatArray();
            assertThat(got).hasSize(3).containsExactly(byHand);
        }
    }

    @Test
    void packedImagesAreConsecutiveSamplesStackedAlongChannels() {
        String[] sets = {"d.arch=dcgan", "d.channels=4,8", "g.arch=dcgan", "g.channels=8,4", "d.norm=none"};
        Config packed = TestConfigs.tiny(concat(sets, "d.pack=2"));
        try (GanModel a = new GanModel(packed, new int[] {1, 28, 28});
                GanModel b = new GanModel(TestConfigs.tiny(sets), new int[] {2, 28, 28});
                NDManager m = NDManager.newBaseManager()) {
            float[] x = new float[4 * 28 * 28];
            new Rng(6).fillGaussian(x);
            float[] got = a.discriminator().forward(m.create(x, new Shape(4, 1, 28, 28)), false).toFloatArray();
            // Example 2p + j becomes channel j of input p: in row-major memory the same floats.
            float[] byHand = b.discriminator().forward(m.create(x, new Shape(2, 2, 28, 28)), false).toFloatArray();
            assertThat(got).hasSize(2).containsExactly(byHand);
        }
    }

    @Test
    void packedDiscriminatorsTrainWithPenaltiesAndFeatureMatching() {
        for (String[] sets : new String[][] {{"d.pack=4"}, {"d.pack=2", "regulariser.name=r1"},
            {"d.pack=2", "regulariser.name=wgan_gp", "loss.name=wgan"}, {"d.pack=2", "loss.generator_objective=feature_matching"},
            {"d.pack=2", "dynamics.name=consensus"}}) {
            Config c = TestConfigs.tiny(sets);
            Dataset data = DataSets.create(c);
            try (GanModel model = new GanModel(c, new int[] {2}); GanTrainer t = GanTrainer.create(c, model, data)) {
                for (int i = 0; i < 3; i++) {
                    StepResult r = t.trainStep();
                    assertThat(r.finite()).as(String.join(" ", sets)).isTrue();
                }
            }
        }
    }

    @Test
    void aBatchThatDoesNotSplitIntoPacksIsAConfigurationError() {
        Config c = TestConfigs.tiny("d.pack=3", "train.batch=32");
        try (GanModel model = new GanModel(c, new int[] {2})) {
            assertThatThrownBy(() -> GanTrainer.create(c, model, DataSets.create(c)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("train.batch=32").hasMessageContaining("d.pack=3");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
