package org.gantry.core.features;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.gantry.core.engine.Provenance;
import org.gantry.core.engine.Scalars;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.optim.AdamOptimizer;
import org.gantry.data.Dataset;
import org.gantry.data.FileDigest;
import org.gantry.random.Rng;

/**
 * Trains the classifier of {@link ClassifierFeatures} with a {@link ClassifierRecipe}. Everything
 * random (initial weights, data order, shifts, dropout masks) is drawn on the Java side from
 * streams derived from the seed, so the same seed, data and thread count give bit-identical
 * weights. Each step runs in its own NDManager scope; only parameters and Adam's moments last.
 * Uses DJL's gradient collector, of which one may be open per JVM: do not train a GAN at the same time.
 */
public final class ClassifierTrainer {
    private final ClassifierRecipe recipe;
    private final long seed;
    private final int threads;

    /** @param threads libtorch intra-op threads (0: one per core); part of what makes a training reproducible */
    public ClassifierTrainer(ClassifierRecipe recipe, long seed, int threads) {
        this.recipe = recipe;
        this.seed = seed;
        this.threads = threads;
    }

    /** Trains on {@code data.train()}, reports accuracy on {@code data.test()} after every epoch. */
    public ClassifierFeatures train(ClassifierData data, ClassifierListener listener) {
        return train(data, data.checksum(), listener);
    }

    ClassifierFeatures train(ClassifierData data, String checksum, ClassifierListener listener) {
        TorchEngine.start(threads);
        long started = System.nanoTime();
        ClassifierNetwork net = new ClassifierNetwork(data.imageShape(), data.classCount(),
                Rng.forPurpose(seed, "classifier-init"));
        try {
            double accuracy = fit(net, data, listener);
            byte[] weights = net.weights();
            Map<String, Object> math = TorchEngine.nativeMath();
            ClassifierInfo info = new ClassifierInfo(data.name(), checksum, seed, recipe, TorchEngine.threads(),
                    accuracy, (System.nanoTime() - started) / 1e9, sha256(weights), TorchEngine.djlVersion(),
                    TorchEngine.libtorchVersion(), Provenance.cpu(),
                    String.valueOf(math.get("cpu_capability")), String.valueOf(math.get("blas")),
                    String.valueOf(math.get("convolutions")), Provenance.gantryVersion(),
                    Instant.now().toString());
            return new ClassifierFeatures(net, info);
        } catch (RuntimeException | Error e) {
            net.close();
            throw e;
        }
    }

    /** Trains {@code net} (freshly initialised) in place; returns the final test accuracy. */
    double fit(ClassifierNetwork net, ClassifierData data, ClassifierListener listener) {
        // PyTorch's default Adam betas and epsilon; the trainer anneals the rate between steps.
        AdamOptimizer adam = new AdamOptimizer(recipe.learningRate(), 0.9, 0.999, 1e-8);
        net.train(adam);
        Rng order = Rng.forPurpose(seed, "classifier-data-order");
        Rng shifts = Rng.forPurpose(seed, "classifier-shift");
        Rng drops = Rng.forPurpose(seed, "classifier-dropout");
        Dataset train = data.train();
        int classes = net.classes();
        int[] shape = data.imageShape();
        int length = train.exampleLength();
        int batch = Math.min(recipe.batch(), train.size());
        int batches = train.size() / batch;
        long totalSteps = (long) batches * recipe.epochs();
        int[] permutation = new int[train.size()];
        Arrays.setAll(permutation, i -> i);
        int[] indices = new int[batch];
        float[] images = new float[batch * length];
        float[] scratch = new float[length];
        float[] oneHot = new float[batch * classes];
        float[] mask = recipe.dropout() > 0 ? new float[batch * ClassifierNetwork.FEATURES] : null;
        Shape imageShape = net.batchShape(batch);
        Shape labelShape = new Shape(batch, classes);
        Shape featureShape = new Shape(batch, ClassifierNetwork.FEATURES);
        listener.onStart(recipe.epochs(), batches);
        long step = 0;
        double accuracy = Double.NaN;
        for (int epoch = 1; epoch <= recipe.epochs(); epoch++) {
            order.shuffle(permutation);
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                System.arraycopy(permutation, b * batch, indices, 0, batch);
                train.fill(indices, images);
                if (recipe.maxShift() > 0) {
                    for (int i = 0; i < batch; i++) {
                        shift(images, i * length, shape, shifts.nextInt(2 * recipe.maxShift() + 1) - recipe.maxShift(),
                                shifts.nextInt(2 * recipe.maxShift() + 1) - recipe.maxShift(), scratch);
                    }
                }
                Arrays.fill(oneHot, 0f);
                for (int i = 0; i < batch; i++) {
                    oneHot[i * classes + train.label(indices[i])] = 1f;
                }
                if (mask != null) {
                    float keep = (float) (1 / (1 - recipe.dropout()));
                    for (int i = 0; i < mask.length; i++) {
                        mask[i] = drops.uniform() < recipe.dropout() ? 0f : keep;
                    }
                }
                adam.setLearningRate(recipe.learningRate() * 0.5 * (1 + Math.cos(Math.PI * step / totalSteps)));
                double loss;
                try (NDManager m = net.manager().newSubManager()) {
                    NDArray x = m.create(images, imageShape);
                    NDArray y = m.create(oneHot, labelShape);
                    NDArray keepMask = mask == null ? null : m.create(mask, featureShape);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray f = net.features(x, true);
                        NDArray logits = net.logits(keepMask == null ? f : f.mul(keepMask), true);
                        NDArray l = Scalars.dividedBy(logits.logSoftmax(1).mul(y).sum().neg(), batch);
                        collector.backward(l);
                        loss = l.getFloat();
                    }
                    net.update();
                }
                step++;
                lossSum += loss;
                listener.onBatch(epoch, b + 1, loss);
            }
            accuracy = ClassifierFeatures.accuracy(net, data.test());
            listener.onEpoch(epoch, lossSum / batches, accuracy);
        }
        return accuracy;
    }

    /**
     * Moves image {@code [offset, offset + C·H·W)} of {@code images} by {@code dx} pixels right and
     * {@code dy} down, filling the uncovered border with −1 (black).
     */
    static void shift(float[] images, int offset, int[] shape, int dx, int dy, float[] scratch) {
        if (dx == 0 && dy == 0) {
            return;
        }
        int h = shape[1];
        int w = shape[2];
        int length = shape[0] * h * w;
        System.arraycopy(images, offset, scratch, 0, length);
        Arrays.fill(images, offset, offset + length, -1f);
        int x0 = Math.max(0, dx);
        int x1 = Math.min(w, w + dx);
        for (int c = 0; c < shape[0]; c++) {
            for (int y = Math.max(0, dy); y < Math.min(h, h + dy); y++) {
                int to = offset + (c * h + y) * w;
                int from = (c * h + y - dy) * w;
                System.arraycopy(scratch, from + x0 - dx, images, to + x0, x1 - x0);
            }
        }
    }

    static String sha256(byte[] bytes) {
        return FileDigest.hexDigest("SHA-256", bytes);
    }
}
