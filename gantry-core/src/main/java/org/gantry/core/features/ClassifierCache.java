package org.gantry.core.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.gantry.config.ConfigException;
import org.gantry.data.Downloader;
import org.gantry.io.AtomicFiles;
import org.gantry.io.Json;

/**
 * Trained classifiers on disk, one folder per data set and exact data:
 *
 * <pre>
 * &lt;cache dir&gt;/classifiers/&lt;data set&gt;-&lt;first 12 hex of the data's SHA-256&gt;/
 *     classifier.json                      seed, recipe, test accuracy, weights file and SHA-256, versions
 *     weights-&lt;first 12 hex of its SHA-256&gt;.params
 * </pre>
 *
 * Both files are written atomically, the weights first: {@code classifier.json} is the commit
 * point, so a crash leaves either the old classifier or the new one, never a mix. Loading checks
 * the weights against the SHA-256 in {@code classifier.json}; a damaged file is an error that names
 * it (not a silent retrain, which would take minutes and could change the network).
 */
public final class ClassifierCache {
    /** Version of the folder layout and {@code classifier.json}. */
    static final int FORMAT = 1;
    static final String DESCRIPTION = "classifier.json";
    private final Path root;

    /** A cache under {@code cacheDir/classifiers}. */
    public ClassifierCache(Path cacheDir) {
        this.root = cacheDir.resolve("classifiers");
    }

    /** The cache under {@code $GANTRY_CACHE} or {@code ~/.cache/gantry}. */
    public static ClassifierCache atDefaultLocation() {
        return new ClassifierCache(Downloader.defaultCacheDir());
    }

    /** The folder of the classifier for data set {@code dataset} with data checksum {@code dataSha256}. */
    public Path directory(String dataset, String dataSha256) {
        return root.resolve(dataset + "-" + dataSha256.substring(0, 12));
    }

    /**
     * The cached classifier, or empty when there is none or it was made for another architecture
     * or format (then {@code listener} hears why).
     *
     * @throws ConfigException when the cached files are damaged, naming the file and the way out
     */
    public Optional<ClassifierFeatures> load(String dataset, String dataSha256, ClassifierListener listener) {
        Path dir = directory(dataset, dataSha256);
        Path description = dir.resolve(DESCRIPTION);
        if (!Files.isRegularFile(description)) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(description.toFile());
        } catch (IOException e) {
            throw damaged(description, dataset, "is not readable JSON (" + e.getMessage() + ")");
        }
        if (json == null || !json.isObject()) {
            throw damaged(description, dataset, "is not a JSON object");
        }
        if (json.path("format").asInt() != FORMAT
                || !ClassifierNetwork.ARCHITECTURE.equals(json.path("architecture").asText())
                || !dataSha256.equals(json.path("data_sha256").asText())) {
            listener.onMessage("the classifier cached in " + dir + " was made for another data checksum, format or "
                    + "architecture; it will be replaced");
            return Optional.empty();
        }
        ClassifierInfo info = info(json, description, dataset);
        String fileName = json.path("weights_file").asText();
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\")) {
            throw damaged(description, dataset, "names no weights file");
        }
        Path weightsFile = dir.resolve(fileName);
        byte[] weights;
        try {
            weights = Files.readAllBytes(weightsFile);
        } catch (IOException e) {
            throw damaged(weightsFile, dataset, "cannot be read (" + e + ")");
        }
        String actual = ClassifierTrainer.sha256(weights);
        if (!actual.equals(info.weightsSha256())) {
            throw damaged(weightsFile, dataset, "is damaged: its SHA-256 is " + actual + " but " + DESCRIPTION
                    + " records " + info.weightsSha256());
        }
        try {
            return Optional.of(new ClassifierFeatures(ClassifierNetwork.read(weights, "'" + weightsFile + "'"), info));
        } catch (IOException e) {
            throw damaged(weightsFile, dataset, "cannot be loaded: " + e.getMessage());
        }
    }

    /** Writes the classifier's weights and description; returns the weights file. */
    public Path store(ClassifierFeatures classifier) throws IOException {
        ClassifierInfo info = classifier.info();
        Path dir = directory(info.dataset(), info.dataSha256());
        byte[] weights = classifier.weights();
        String sha = ClassifierTrainer.sha256(weights);
        if (!sha.equals(info.weightsSha256())) {
            throw new IllegalStateException("the classifier's weights changed after training");
        }
        String fileName = "weights-" + sha.substring(0, 12) + ".params";
        Path weightsFile = dir.resolve(fileName);
        AtomicFiles.write(weightsFile, out -> out.write(weights));
        AtomicFiles.writeString(dir.resolve(DESCRIPTION), Json.pretty(info.toJson(fileName)));
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "weights-*.params")) {
            for (Path p : old) {
                if (!p.getFileName().toString().equals(fileName)) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return weightsFile;
    }

    private static ClassifierInfo info(JsonNode j, Path description, String dataset) {
        String[] required = {"seed", "epochs", "batch", "learning_rate", "max_shift", "dropout", "threads",
            "test_accuracy", "weights_sha256"};
        for (String key : required) {
            if (!j.hasNonNull(key)) {
                throw damaged(description, dataset, "has no '" + key + "'");
            }
        }
        ClassifierRecipe recipe;
        try {
            recipe = new ClassifierRecipe(j.get("epochs").asInt(), j.get("batch").asInt(),
                    j.get("learning_rate").asDouble(), j.get("max_shift").asInt(), j.get("dropout").asDouble());
        } catch (IllegalArgumentException e) {
            throw damaged(description, dataset, "holds " + e.getMessage());
        }
        return new ClassifierInfo(j.path("dataset").asText(dataset), j.path("data_sha256").asText(),
                j.get("seed").asLong(), recipe, j.get("threads").asInt(), j.get("test_accuracy").asDouble(),
                j.path("train_seconds").asDouble(Double.NaN), j.get("weights_sha256").asText(),
                j.path("djl_version").asText("unknown"), j.path("libtorch_version").asText("unknown"),
                j.path("cpu").asText("unknown"), j.path("cpu_capability").asText("unknown"),
                j.path("blas").asText("unknown"), j.path("convolutions").asText("unknown"),
                j.path("gantry_version").asText("unknown"), j.path("trained_at").asText("unknown"));
    }

    private static ConfigException damaged(Path file, String dataset, String what) {
        return new ConfigException("cached classifier file '" + file + "' " + what + "; delete " + file.getParent()
                + " or retrain with `gantry classifier train --data " + dataset + " --data-path DIR`");
    }
}
