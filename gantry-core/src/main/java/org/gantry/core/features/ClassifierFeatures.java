package org.gantry.core.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.gantry.core.engine.TorchEngine;
import org.gantry.data.Dataset;
import org.gantry.eval.Embedding;
import org.gantry.eval.FeatureMatrix;
import org.gantry.eval.FeatureNetwork;

/**
 * The feature network METHODS.md §6 asks for where Inception-v3 cannot be downloaded: a small CNN
 * classifier trained on the labelled data set itself, conv 5×5 32 → max-pool 2 → batch norm → ReLU
 * → conv 5×5 64 → max-pool 2 → batch norm → ReLU → dense 128 → batch norm → ReLU → dense K
 * (training: {@link ClassifierRecipe}). The 128 activations after the last ReLU are the features
 * (FID, KID, precision/recall), the softmax of the last layer the class probabilities
 * (Inception-style score, mode counting). Trained once per data set and cached
 * ({@link ClassifierCache}).
 */
public final class ClassifierFeatures implements FeatureNetwork {
    /** Images per forward pass in {@link #embed}. */
    public static final int BATCH = 500;
    private final ClassifierNetwork network;
    private final ClassifierInfo info;

    ClassifierFeatures(ClassifierNetwork network, ClassifierInfo info) {
        this.network = network;
        this.info = info;
    }

    /**
     * The classifier of {@code dataset} (mnist or fashion_mnist) read from the IDX files in
     * {@code dataDir}: loaded from {@code cacheDir/classifiers/} when a classifier for exactly this
     * data is cached there, otherwise trained with the default recipe and {@code seed}, cached, and
     * returned. A cached classifier is used whatever seed it was trained with ({@link #info()} tells
     * which), so every evaluation of one data set uses the same network.
     *
     * @param threads libtorch intra-op threads for this JVM (0: one per core)
     * @param listener told what happens, and the training's progress when it trains
     * @throws org.gantry.config.ConfigException for an unknown data set, missing or damaged data
     *     files, or a damaged cached classifier (the message names the file and how to rebuild it)
     */
    public static ClassifierFeatures forDataset(String dataset, Path dataDir, Path cacheDir, long seed, int threads,
            ClassifierListener listener) {
        TorchEngine.start(threads);
        listener.onMessage("reading " + dataset + " from " + dataDir);
        ClassifierData data = ClassifierData.read(dataset, dataDir);
        return forData(data, new ClassifierCache(cacheDir), seed, threads, listener);
    }

    /** As {@link #forDataset}, for data already in memory. */
    public static ClassifierFeatures forData(ClassifierData data, ClassifierCache cache, long seed, int threads,
            ClassifierListener listener) {
        TorchEngine.start(threads);
        String checksum = data.checksum();
        Optional<ClassifierFeatures> cached = cache.load(data.name(), checksum, listener);
        if (cached.isPresent()) {
            listener.onMessage("using the cached classifier " + cached.get().identity() + " from "
                    + cache.directory(data.name(), checksum));
            return cached.get();
        }
        listener.onMessage("no cached classifier for " + data.name() + " in " + cache.directory(data.name(), checksum)
                + ": training one (seed " + seed + ")");
        return trainAndStore(data, checksum, cache, ClassifierRecipe.defaults(), seed, threads, listener);
    }

    /**
     * Trains a classifier on {@code data}, caches it (replacing any cached one) and returns it;
     * {@code info().dataSha256()} names its cache folder ({@link ClassifierCache#directory}).
     */
    public static ClassifierFeatures trainAndStore(ClassifierData data, ClassifierCache cache, ClassifierRecipe recipe,
            long seed, int threads, ClassifierListener listener) {
        return trainAndStore(data, data.checksum(), cache, recipe, seed, threads, listener);
    }

    static ClassifierFeatures trainAndStore(ClassifierData data, String checksum, ClassifierCache cache,
            ClassifierRecipe recipe, long seed, int threads, ClassifierListener listener) {
        ClassifierFeatures trained = new ClassifierTrainer(recipe, seed, threads).train(data, checksum, listener);
        try {
            Path file = cache.store(trained);
            listener.onMessage("cached " + trained.identity() + " in " + file.getParent());
            return trained;
        } catch (IOException e) {
            trained.close();
            throw new UncheckedIOException("cannot write the classifier cache in "
                    + cache.directory(data.name(), checksum) + ": " + e.getMessage(), e);
        }
    }

    /** Its features as a differentiable map of image batches, parameters frozen. */
    java.util.function.UnaryOperator<ai.djl.ndarray.NDArray> frozenFeatures() {
        return network.frozenFeatures();
    }

    /** Where the classifier came from: data, seed, recipe, test accuracy, versions. */
    public ClassifierInfo info() {
        return info;
    }

    /** {@code gantry-classifier <data set> sha256:<first 12 hex digits of the weights' SHA-256>}. */
    @Override
    public String identity() {
        return "gantry-classifier " + info.dataset() + " sha256:" + info.weightsSha256().substring(0, 12);
    }

    @Override
    public int[] inputShape() {
        return network.inputShape();
    }

    @Override
    public int featureDimension() {
        return ClassifierNetwork.FEATURES;
    }

    @Override
    public int classCount() {
        return network.classes();
    }

    @Override
    public synchronized Embedding embed(float[] images, int count) {
        int[] s = network.inputShape();
        long length = (long) s[0] * s[1] * s[2];
        if (count < 0 || images.length < count * length) {
            throw new IllegalArgumentException(count + " images of shape [" + s[0] + ", " + s[1] + ", " + s[2]
                    + "] need " + count * length + " values, got " + images.length);
        }
        float[] features = new float[count * ClassifierNetwork.FEATURES];
        float[] probabilities = new float[count * network.classes()];
        network.embed(images, count, BATCH, features, probabilities);
        return new Embedding(new FeatureMatrix(count, ClassifierNetwork.FEATURES, features),
                new FeatureMatrix(count, network.classes(), probabilities));
    }

    /** Fraction of {@code data}'s images whose most probable class is their label. */
    public double accuracy(Dataset data) {
        return accuracy(network, data);
    }

    static double accuracy(ClassifierNetwork network, Dataset data) {
        int classes = network.classes();
        int length = data.exampleLength();
        float[] images = new float[BATCH * length];
        float[] features = new float[BATCH * ClassifierNetwork.FEATURES];
        float[] probabilities = new float[BATCH * classes];
        long correct = 0;
        for (int start = 0; start < data.size(); start += BATCH) {
            int n = Math.min(BATCH, data.size() - start);
            data.fillRange(start, n, images);
            network.embed(images, n, BATCH, features, probabilities);
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int k = 1; k < classes; k++) {
                    if (probabilities[i * classes + k] > probabilities[i * classes + best]) {
                        best = k;
                    }
                }
                if (best == data.label(start + i)) {
                    correct++;
                }
            }
        }
        return (double) correct / data.size();
    }

    /** The weights file's bytes. */
    byte[] weights() {
        return network.weights();
    }

    ClassifierNetwork network() {
        return network;
    }

    @Override
    public void close() {
        network.close();
    }
}
