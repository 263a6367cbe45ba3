package org.gantry.core.game;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gantry.config.Config;
import org.gantry.core.TestConfigs;
import org.gantry.core.model.GanModel;
import org.gantry.data.DataSets;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A play's one pass over the real and generated batches stacked ({@link Play#onRealAndFake}) gives
 * what two passes give, and is taken only for discriminators that judge each example alone.
 */
class PlayTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mlp none, d.arch=mlp, true", "maxout, d.arch=maxout, true", "layer norm, d.norm=layer, true",
        "weight norm, d.norm=weight, true", "packed by 2, d.pack=2, true", "batch norm, d.norm=batch, false",
        "spectral norm (a power iteration per pass), d.norm=spectral, false",
        "input noise, d.input_noise=0.1, false", "minibatch features, d.minibatch_kernels=4, false"})
    void onlyDiscriminatorsThatJudgeEachExampleAloneAndKeepNoPassStateStackTheBatches(String what, String set,
            boolean apart) {
        Config c = TestConfigs.tiny(set);
        try (GanModel model = Games.model(c, DataSets.create(c))) {
            assertThat(model.discriminator().judgesStackedBatchesApart()).as(what).isEqualTo(apart);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mlp, d.arch=mlp, d.pack=1", "maxout packed by 2, d.arch=maxout, d.pack=2",
        "weight norm, d.norm=weight, d.pack=1"})
    void oneStackedPassGivesEachBatchTheOutputsOfItsOwnPass(String what, String arch, String pack) {
        Config c = TestConfigs.tiny(arch, pack);
        try (GanModel model = Games.model(c, DataSets.create(c)); NDManager m = model.manager().newSubManager()) {
            Rng rng = new Rng(11);
            // Unequal batches, so that a split in the wrong place would show.
            NDArray real = m.create(gaussians(rng, 12 * 2), new Shape(12, 2));
            NDArray fake = m.create(gaussians(rng, 8 * 2), new Shape(8, 2));
            NDArray[] both = new Play(model, () -> real, null, fake, rng).onRealAndFake("d");
            float[] alone = model.discriminator().forward(real, true).toFloatArray();
            float[] fakeAlone = model.discriminator().forward(fake, true).toFloatArray();
            int packs = Integer.parseInt(pack.substring(pack.indexOf('=') + 1));
            assertThat(both[0].getShape()).isEqualTo(new Shape(12 / packs, 1));
            assertThat(both[1].getShape()).isEqualTo(new Shape(8 / packs, 1));
            assertClose(both[0].toFloatArray(), alone);
            assertClose(both[1].toFloatArray(), fakeAlone);
        }
    }

    @Test
    void aBatchNormalisedDiscriminatorJudgesEachBatchInItsOwnPassAsBefore() {
        Config c = TestConfigs.tiny("d.norm=batch");
        try (GanModel model = Games.model(c, DataSets.create(c)); NDManager m = model.manager().newSubManager()) {
            Rng rng = new Rng(3);
            NDArray real = m.create(gaussians(rng, 16 * 2), new Shape(16, 2));
            // Shifted, so that statistics of the two batches stacked would differ from each one's.
            NDArray fake = m.create(gaussians(rng, 16 * 2), new Shape(16, 2)).add(3);
            NDArray[] both = new Play(model, () -> real, null, fake, rng).onRealAndFake("d");
            assertThat(both[0].toFloatArray()).containsExactly(model.discriminator().forward(real, true).toFloatArray());
            assertThat(both[1].toFloatArray()).containsExactly(model.discriminator().forward(fake, true).toFloatArray());
        }
    }

    @Test
    void outputsAlreadyGivenAreReturnedWithoutAModel() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray r = m.create(new float[] {1, 2});
            NDArray f = m.create(new float[] {3});
            NDArray[] both = Play.ofOutputs(java.util.Map.of("d", r), java.util.Map.of("d", f)).onRealAndFake("d");
            assertThat(both[0].toFloatArray()).containsExactly(1, 2);
            assertThat(both[1].toFloatArray()).containsExactly(3);
        }
    }

    /**
     * Equal up to the order of the sums in the products: the CPU's kernels may block a product of
     * 20 rows differently from one of 12 or 8. A relative 1e-5 is some 80 float roundings.
     */
    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("output %d", i)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(expected[i]))));
        }
    }

    private static float[] gaussians(Rng rng, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) rng.gaussian();
        }
        return out;
    }
}
