package org.gantry.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gantry.config.ConfigException;
import org.gantry.data.Downloader;
import org.gantry.eval.Embedding;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two tiny TorchScript models of {@code src/test/python/make_tiny_feature_net.py} (saved by
 * torch 1.13, loaded here by the engine's libtorch 2.x), checked against the same hand-chosen
 * weights computed in Java.
 */
class TorchScriptFeaturesTest {
    static final int[] SHAPE = {1, 4, 4};

    static Path resource(String name) throws URISyntaxException {
        return Path.of(TorchScriptFeaturesTest.class.getResource(name).toURI());
    }

    /** W1 and b1 of the script's docstring. */
    static double[] features(float[] images, int image) {
        double[] f = {0.5, -0.25, 0.125};
        for (int j = 0; j < 16; j++) {
            double x = images[image * 16 + j];
            f[0] += x / 16;
            f[1] += (j < 8 ? 1.0 / 8 : -1.0 / 8) * x;
            f[2] += (j + 1) / 16.0 * (j % 2 == 0 ? 1 : -1) * x;
        }
        return f;
    }

    /** softmax(W2 f + b2). */
    static double[] probabilities(double[] f) {
        double a = f[0] - 2 * f[1] + 0.5 * f[2] + 0.1;
        double b = -f[0] + 0.5 * f[1] + 2 * f[2] - 0.1;
        double m = Math.max(a, b);
        double ea = Math.exp(a - m);
        double eb = Math.exp(b - m);
        return new double[] {ea / (ea + eb), eb / (ea + eb)};
    }

    static float[] randomImages(int count, long seed) {
        float[] images = new float[count * 16];
        Rng rng = new Rng(seed);
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) (2 * rng.uniform() - 1);
        }
        return images;
    }

    @Test
    void featuresAndLogitsMatchTheHandChosenWeights() throws Exception {
        Path file = resource("tiny_feature_net.pt");
        try (TorchScriptFeatures net = TorchScriptFeatures.load(file, SHAPE, 1)) {
            assertThat(net.identity()).isEqualTo("torchscript tiny_feature_net.pt sha256:"
                    + Downloader.sha256(file).substring(0, 12));
            assertThat(net.inputShape()).containsExactly(1, 4, 4);
            assertThat(net.featureDimension()).isEqualTo(3);
            assertThat(net.classCount()).isEqualTo(2);
            // A ramp from -1 to 1, all zeros, all ones.
            float[] images = new float[48];
            for (int j = 0; j < 16; j++) {
                images[j] = j / 7.5f - 1;
                images[32 + j] = 1;
            }
            Embedding e = net.embed(images, 3);
            assertThat(e.features().get(0, 0)).isCloseTo(0.5f, within(1e-6f));
            assertThat(e.features().get(0, 1)).isCloseTo(-1.3166666f, within(1e-5f));
            assertThat(e.features().get(1, 2)).isCloseTo(0.125f, within(1e-6f));
            for (int i = 0; i < 3; i++) {
                double[] f = features(images, i);
                double[] p = probabilities(f);
                for (int d = 0; d < 3; d++) {
                    assertThat((double) e.features().get(i, d)).as("image %d feature %d", i, d)
                            .isCloseTo(f[d], within(1e-5));
                }
                for (int k = 0; k < 2; k++) {
                    assertThat((double) e.probabilities().get(i, k)).isCloseTo(p[k], within(1e-5));
                }
            }
            // The ramp's logits are (3.0125, -2.1417): softmax puts almost all mass on class 0.
            assertThat((double) e.probabilities().get(0, 0)).isCloseTo(0.99426, within(1e-4));
        }
    }

    @Test
    void manyImagesAreBatchedAndLeaveNoArrays() throws Exception {
        int count = 2 * TorchScriptFeatures.BATCH + 3;
        float[] images = randomImages(count, 11);
        try (TorchScriptFeatures net = TorchScriptFeatures.load(resource("tiny_feature_net.pt"), SHAPE, 3, 2, 1)) {
            net.embed(images, 2);
            int before = net.manager().getManagedArrays().size();
            Embedding e = net.embed(images, count);
            assertThat(net.manager().getManagedArrays()).hasSize(before);
            assertThat(e.count()).isEqualTo(count);
            for (int i : new int[] {0, TorchScriptFeatures.BATCH - 1, TorchScriptFeatures.BATCH, count - 1}) {
                double[] f = features(images, i);
                double[] p = probabilities(f);
                for (int d = 0; d < 3; d++) {
                    assertThat((double) e.features().get(i, d)).isCloseTo(f[d], within(1e-5));
                }
                assertThat((double) e.probabilities().get(i, 1)).isCloseTo(p[1], within(1e-5));
            }
        }
    }

    @Test
    void featuresOnlyModelHasNoProbabilities() throws Exception {
        float[] images = randomImages(5, 12);
        try (TorchScriptFeatures net = TorchScriptFeatures.load(resource("tiny_feature_only_net.pt"), SHAPE, 1)) {
            assertThat(net.classCount()).isZero();
            assertThat(net.featureDimension()).isEqualTo(3);
            Embedding e = net.embed(images, 5);
            assertThat(e.hasProbabilities()).isFalse();
            for (int i = 0; i < 5; i++) {
                double[] f = features(images, i);
                for (int d = 0; d < 3; d++) {
                    assertThat((double) e.features().get(i, d)).isCloseTo(f[d], within(1e-5));
                }
            }
        }
    }

    @Test
    void missingWrongAndMismatchedFilesGiveErrorsNamingTheFile(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("nope.pt");
        assertThatThrownBy(() -> TorchScriptFeatures.load(missing, SHAPE, 1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist")
                .hasMessageContaining("torch.jit.save");
        Path text = tmp.resolve("notes.pt");
        Files.writeString(text, "not a model\n");
        assertThatThrownBy(() -> TorchScriptFeatures.load(text, SHAPE, 1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(text.toString()).hasMessageContaining("is not a TorchScript model");
        Path file = resource("tiny_feature_net.pt");
        assertThatThrownBy(() -> TorchScriptFeatures.load(file, new int[] {1, 5, 5}, 1))
                .isInstanceOf(ConfigException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("[2, 1, 5, 5]");
        assertThatThrownBy(() -> TorchScriptFeatures.load(file, SHAPE, 4, 2, 1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("feature dimension 3, expected 4");
        assertThatThrownBy(() -> TorchScriptFeatures.load(file, SHAPE, 3, 0, 1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("class count 2, expected 0");
    }

    @Test
    void wrongImageCountIsRejected() throws Exception {
        try (TorchScriptFeatures net = TorchScriptFeatures.load(resource("tiny_feature_net.pt"), SHAPE, 1)) {
            assertThatThrownBy(() -> net.embed(new float[20], 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("need 32 values, got 20");
        }
    }

}
