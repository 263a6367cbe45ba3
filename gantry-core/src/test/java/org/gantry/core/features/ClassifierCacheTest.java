package org.gantry.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gantry.config.ConfigException;
import org.gantry.data.Downloader;
import org.gantry.eval.Embedding;
import org.gantry.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierCacheTest {

    /** Records what a listener hears. */
    static final class Recorder implements ClassifierListener {
        final List<String> messages = new ArrayList<>();
        int starts;

        @Override
        public void onMessage(String message) {
            messages.add(message);
        }

        @Override
        public void onStart(int epochs, int batchesPerEpoch) {
            starts++;
        }
    }

    @Test
    void trainsOnFirstUseThenLoadsTheSameNetworkFromTheCache(@TempDir Path tmp) throws IOException {
        Path data = TinyMnist.writeIdx(tmp.resolve("data"), 150, 40, 1, true);
        Path cache = tmp.resolve("cache");
        float[] probe = ClassifierTrainerTest.images(TinyMnist.images("probe", 12, 9));
        Recorder first = new Recorder();
        String identity;
        Embedding before;
        try (ClassifierFeatures f = ClassifierFeatures.forDataset("mnist", data, cache, 5, 1, first)) {
            assertThat(first.starts).isEqualTo(1);
            assertThat(first.messages).anyMatch(m -> m.startsWith("no cached classifier for mnist"));
            identity = f.identity();
            before = f.embed(probe, 12);
        }
        String checksum = ClassifierData.read("mnist", data).checksum();
        Path dir = cache.resolve("classifiers").resolve("mnist-" + checksum.substring(0, 12));
        assertThat(new ClassifierCache(cache).directory("mnist", checksum)).isEqualTo(dir);
        JsonNode json = Json.mapper().readTree(dir.resolve("classifier.json").toFile());
        String weightsSha = json.get("weights_sha256").asText();
        Path weights = dir.resolve(json.get("weights_file").asText());
        assertThat(weights.getFileName().toString()).isEqualTo("weights-" + weightsSha.substring(0, 12) + ".params");
        assertThat(Downloader.sha256(weights)).isEqualTo(weightsSha);
        assertThat(identity).isEqualTo("gantry-classifier mnist sha256:" + weightsSha.substring(0, 12));
        assertThat(json.get("seed").asLong()).isEqualTo(5);
        assertThat(json.get("epochs").asInt()).isEqualTo(ClassifierRecipe.defaults().epochs());
        assertThat(json.get("data_sha256").asText()).isEqualTo(checksum);
        assertThat(json.get("test_accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("libtorch_version").asText()).isNotBlank();
        assertThat(json.get("djl_version").asText()).isNotBlank();
        assertThat(json.get("cpu").asText()).isEqualTo(org.gantry.core.engine.Provenance.cpu());
        assertThat(json.get("cpu_capability").asText()).isNotBlank();
        assertThat(json.get("blas").asText()).isNotBlank();

        Recorder second = new Recorder();
        // Another seed: the cached classifier is used as it is.
        try (ClassifierFeatures g = ClassifierFeatures.forDataset("mnist", data, cache, 6, 1, second)) {
            assertThat(second.starts).isZero();
            assertThat(second.messages).anyMatch(m -> m.startsWith("using the cached classifier " + identity));
            assertThat(g.identity()).isEqualTo(identity);
            assertThat(g.info().seed()).isEqualTo(5);
            Embedding after = g.embed(probe, 12);
            assertThat(after.features().values()).isEqualTo(before.features().values());
            assertThat(after.probabilities().values()).isEqualTo(before.probabilities().values());
        }
    }

    @Test
    void damagedCachedWeightsAreAnErrorNamingTheFile(@TempDir Path tmp) throws IOException {
        ClassifierData data = ClassifierTrainerTest.tiny(60, 20);
        ClassifierCache cache = new ClassifierCache(tmp);
        String checksum = data.checksum();
        Path weights;
        try (ClassifierFeatures f = ClassifierFeatures.trainAndStore(data, cache,
                new ClassifierRecipe(1, 30, 1e-3, 0, 0), 1, 1, ClassifierListener.NONE)) {
            weights = cache.store(f); // storing again rewrites the same files
        }
        byte[] good = Files.readAllBytes(weights);

        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 1;
        Files.write(weights, flipped);
        assertThatThrownBy(() -> cache.load("tiny", checksum, ClassifierListener.NONE))
                .isInstanceOf(ConfigException.class).hasMessageContaining(weights.toString())
                .hasMessageContaining("damaged").hasMessageContaining("gantry classifier train --data tiny");

        Files.write(weights, java.util.Arrays.copyOf(good, good.length - 100));
        assertThatThrownBy(() -> cache.load("tiny", checksum, ClassifierListener.NONE))
                .isInstanceOf(ConfigException.class).hasMessageContaining(weights.toString());

        Files.delete(weights);
        assertThatThrownBy(() -> cache.load("tiny", checksum, ClassifierListener.NONE))
                .isInstanceOf(ConfigException.class).hasMessageContaining(weights.toString())
                .hasMessageContaining("cannot be read");

        Files.write(weights, good);
        try (ClassifierFeatures ok = cache.load("tiny", checksum, ClassifierListener.NONE).orElseThrow()) {
            assertThat(ok.weights()).isEqualTo(good);
        }

        Path description = weights.resolveSibling("classifier.json");
        Files.writeString(description, "{ not json");
        assertThatThrownBy(() -> cache.load("tiny", checksum, ClassifierListener.NONE))
                .isInstanceOf(ConfigException.class).hasMessageContaining(description.toString());
    }

    @Test
    void anotherArchitectureInTheCacheIsReplaced(@TempDir Path tmp) throws IOException {
        ClassifierData data = ClassifierTrainerTest.tiny(60, 20);
        ClassifierCache cache = new ClassifierCache(tmp);
        String checksum = data.checksum();
        Path oldWeights;
        try (ClassifierFeatures f = ClassifierFeatures.trainAndStore(data, cache,
                new ClassifierRecipe(1, 30, 1e-3, 0, 0), 1, 1, ClassifierListener.NONE)) {
            oldWeights = cache.directory("tiny", checksum).resolve("weights-" + f.info().weightsSha256().substring(0, 12)
                    + ".params");
        }
        Path description = cache.directory("tiny", checksum).resolve("classifier.json");
        Files.writeString(description, Files.readString(description).replace("gantry-cnn-", "older-cnn-"));
        Recorder r = new Recorder();
        assertThat(cache.load("tiny", checksum, r)).isEmpty();
        assertThat(r.messages).singleElement().asString().contains("will be replaced");

        // A retrain with another seed replaces both files; the old weights file goes.
        try (ClassifierFeatures g = ClassifierFeatures.trainAndStore(data, cache,
                new ClassifierRecipe(1, 30, 1e-3, 0, 0), 2, 1, ClassifierListener.NONE)) {
            assertThat(cache.load("tiny", checksum, ClassifierListener.NONE).orElseThrow().identity())
                    .isEqualTo(g.identity());
        }
        assertThat(oldWeights).doesNotExist();
        try (Stream<Path> files = Files.list(cache.directory("tiny", checksum))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).hasSize(2).contains("classifier.json");
        }
    }

    @Test
    void dataChecksumFollowsTheDecodedDataNotTheFileFormat(@TempDir Path tmp) throws IOException {
        String gz = ClassifierData.read("mnist", TinyMnist.writeIdx(tmp.resolve("gz"), 30, 10, 4, true)).checksum();
        String raw = ClassifierData.read("mnist", TinyMnist.writeIdx(tmp.resolve("raw"), 30, 10, 4, false)).checksum();
        String other = ClassifierData.read("mnist", TinyMnist.writeIdx(tmp.resolve("other"), 30, 10, 5, false))
                .checksum();
        assertThat(gz).isEqualTo(raw).hasSize(64).isNotEqualTo(other);
        // Same pixels, one label changed.
        ClassifierData a = ClassifierTrainerTest.tiny(30, 10);
        int[] labels = new int[30];
        for (int i = 0; i < 30; i++) {
            labels[i] = i == 17 ? 3 : i % 10;
        }
        ClassifierData b = new ClassifierData("tiny", new org.gantry.data.ImageDataset("tiny",
                TinyMnist.pixels(30, 1), new int[] {1, 28, 28}, labels), a.test());
        assertThat(b.checksum()).isNotEqualTo(a.checksum());
    }

    @Test
    void unknownDataSetNamesTheAllowedOnes(@TempDir Path tmp) {
        assertThatThrownBy(() -> ClassifierFeatures.forDataset("cifar10", tmp, tmp, 0, 1, ClassifierListener.NONE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'cifar10'")
                .hasMessageContaining("mnist, fashion_mnist");
    }
}
