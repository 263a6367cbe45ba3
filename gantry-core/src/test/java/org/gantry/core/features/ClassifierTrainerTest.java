package org.gantry.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.gantry.core.engine.TorchEngine;
import org.gantry.data.ImageDataset;
import org.gantry.eval.Embedding;
import org.junit.jupiter.api.Test;

class ClassifierTrainerTest {
    /** Two epochs of two steps on 200 images, with every random part on: shifts, dropout, shuffling. */
    static final ClassifierRecipe SHORT = new ClassifierRecipe(2, 100, 2e-3, 2, 0.25);

    static ClassifierData tiny(int train, int test) {
        return new ClassifierData("tiny", TinyMnist.images("tiny", train, 1), TinyMnist.images("tiny", test, 2));
    }

    static float[] images(ImageDataset d) {
        float[] out = new float[d.size() * 784];
        int[] all = new int[d.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        d.fill(all, out);
        return out;
    }

    @Test
    void sameSeedAndThreadsGiveIdenticalWeightsAndEmbeddings() {
        ClassifierData data = tiny(200, 50);
        float[] probe = images(TinyMnist.images("probe", 30, 3));
        try (ClassifierFeatures a = new ClassifierTrainer(SHORT, 7, 2).train(data, ClassifierListener.NONE);
                ClassifierFeatures b = new ClassifierTrainer(SHORT, 7, 2).train(data, ClassifierListener.NONE)) {
            assertThat(a.weights()).isEqualTo(b.weights());
            assertThat(a.identity()).isEqualTo(b.identity()).startsWith("gantry-classifier tiny sha256:")
                    .hasSize("gantry-classifier tiny sha256:".length() + 12);
            Embedding ea = a.embed(probe, 30);
            Embedding eb = b.embed(probe, 30);
            assertThat(ea.features().values()).isEqualTo(eb.features().values());
            assertThat(ea.probabilities().values()).isEqualTo(eb.probabilities().values());
            assertThat(a.info().seed()).isEqualTo(7);
            assertThat(a.info().threads()).isEqualTo(2);
            assertThat(a.info().dataSha256()).isEqualTo(data.checksum());
        }
    }

    @Test
    void theSeedChoosesTheInitialWeights() {
        TorchEngine.start(1);
        try (ClassifierNetwork a = new ClassifierNetwork(new int[] {1, 28, 28}, 10, new org.gantry.random.Rng(1));
                ClassifierNetwork b = new ClassifierNetwork(new int[] {1, 28, 28}, 10, new org.gantry.random.Rng(1));
                ClassifierNetwork c = new ClassifierNetwork(new int[] {1, 28, 28}, 10, new org.gantry.random.Rng(2))) {
            assertThat(a.weights()).isEqualTo(b.weights()).isNotEqualTo(c.weights());
        }
    }

    @Test
    void learnsEasyClassesAndReportsProgress() {
        List<String> events = new ArrayList<>();
        ClassifierListener listener = new ClassifierListener() {
            @Override
            public void onStart(int epochs, int batchesPerEpoch) {
                events.add("start " + epochs + "x" + batchesPerEpoch);
            }

            @Override
            public void onBatch(int epoch, int batch, double loss) {
                assertThat(loss).isFinite().isPositive();
                events.add("batch " + epoch + "." + batch);
            }

            @Override
            public void onEpoch(int epoch, double meanLoss, double testAccuracy) {
                events.add("epoch " + epoch);
            }
        };
        ClassifierData data = tiny(200, 100);
        try (ClassifierFeatures f = new ClassifierTrainer(new ClassifierRecipe(2, 20, 3e-3, 1, 0), 1, 1)
                .train(data, listener)) {
            // 200 images in batches of 20: 10 per epoch.
            assertThat(events).hasSize(1 + 2 * 11).startsWith("start 2x10", "batch 1.1").contains("epoch 1")
                    .endsWith("batch 2.10", "epoch 2");
            assertThat(f.info().testAccuracy()).isGreaterThanOrEqualTo(0.9);
            assertThat(f.accuracy(data.test())).isEqualTo(f.info().testAccuracy());
        }
    }

    @Test
    void embeddingHasFeatureAndProbabilityRowsAndLeavesNoArrays() {
        ClassifierData data = tiny(100, 20);
        try (ClassifierFeatures f = new ClassifierTrainer(new ClassifierRecipe(1, 50, 1e-3, 0, 0), 3, 1)
                .train(data, ClassifierListener.NONE)) {
            assertThat(f.inputShape()).containsExactly(1, 28, 28);
            assertThat(f.featureDimension()).isEqualTo(128);
            assertThat(f.classCount()).isEqualTo(10);
            int count = 2 * ClassifierFeatures.BATCH + 7; // two full batches and a partial one
            float[] images = images(TinyMnist.images("many", count, 5));
            f.embed(images, 3); // warm up whatever the first call caches
            int before = f.network().manager().getManagedArrays().size();
            Embedding e = f.embed(images, count);
            assertThat(f.network().manager().getManagedArrays()).hasSize(before);
            assertThat(e.count()).isEqualTo(count);
            assertThat(e.features().columns()).isEqualTo(128);
            assertThat(e.probabilities().columns()).isEqualTo(10);
            for (int i = 0; i < count; i++) {
                double sum = 0;
                for (int k = 0; k < 10; k++) {
                    assertThat(e.probabilities().get(i, k)).isBetween(0f, 1f);
                    sum += e.probabilities().get(i, k);
                }
                assertThat(sum).as("row %d", i).isCloseTo(1.0, within(1e-5));
            }
            for (float v : e.features().values()) {
                assertThat(v).isGreaterThanOrEqualTo(0f); // after ReLU
            }
            // Batching does not change a row: the last image alone gives the same values.
            float[] last = java.util.Arrays.copyOfRange(images, (count - 1) * 784, count * 784);
            Embedding one = f.embed(last, 1);
            for (int j = 0; j < 128; j++) {
                assertThat(one.features().get(0, j)).isCloseTo(e.features().get(count - 1, j), within(1e-4f));
            }
            assertThat(f.embed(new float[0], 0).count()).isZero();
        }
    }

    @Test
    void trainingStepsLeaveOnlyParametersAndOptimizerStateBehind() {
        TorchEngine.start(1);
        List<Integer> arrays = new ArrayList<>();
        try (ClassifierNetwork net = new ClassifierNetwork(new int[] {1, 28, 28}, 10, new org.gantry.random.Rng(3))) {
            new ClassifierTrainer(new ClassifierRecipe(2, 20, 1e-3, 1, 0.25), 1, 1).fit(net, tiny(100, 20),
                    new ClassifierListener() {
                        @Override
                        public void onBatch(int epoch, int batch, double loss) {
                            arrays.add(net.manager().getManagedArrays().size());
                        }
                    });
            // The first update creates Adam's moments; after that the count stays put, evaluation included.
            assertThat(arrays).hasSize(10);
            assertThat(arrays.subList(1, 10)).containsOnly(arrays.get(0));
            assertThat(net.manager().getManagedArrays()).hasSize(arrays.get(0));
        }
    }

    @Test
    void shiftMovesTheImageAndFillsTheBorderWithBlack() {
        float[] img = {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18};
        float[] scratch = new float[9];
        ClassifierTrainer.shift(img, 9, new int[] {1, 3, 3}, 1, -1, scratch);
        assertThat(img).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, -1, 13, 14, -1, 16, 17, -1, -1, -1);
        ClassifierTrainer.shift(img, 0, new int[] {1, 3, 3}, -2, 2, scratch);
        assertThat(java.util.Arrays.copyOf(img, 9)).containsExactly(-1, -1, -1, -1, -1, -1, 2, -1, -1);
    }
}
