package org.gantry.core.features;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.gantry.config.ConfigException;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.engine.TorchScriptModules;
import org.gantry.data.Downloader;
import org.gantry.eval.Embedding;
import org.gantry.eval.FeatureMatrix;
import org.gantry.eval.FeatureNetwork;

/**
 * Any TorchScript model as a feature network (METHODS.md §6: "let the user plug in any TorchScript
 * feature network by path"). The model takes a float32 batch [N, C, H, W] with values in [−1, 1] and
 * returns either the features [N, D] (more trailing axes are flattened) or a tuple
 * (features [N, D], logits [N, K]), whose softmax gives the class probabilities. It runs in
 * inference mode ({@code module.eval()}), {@value #BATCH} images per forward pass, each pass in its
 * own NDManager scope. The feature and class counts are read from one forward pass on a zero batch.
 */
public final class TorchScriptFeatures implements FeatureNetwork {
    /** Images per forward pass in {@link #embed}. */
    public static final int BATCH = 500;
    private static final String EXPECTED = "a TorchScript model saved with torch.jit.save, taking float32 images "
            + "[N, C, H, W] in [-1, 1] and returning features [N, D] or a tuple (features [N, D], logits [N, K])";
    private final Path file;
    private final String sha256;
    private final Model model;
    private final Block block;
    private final int[] inputShape;
    private final int featureDimension;
    private final int classCount;

    private TorchScriptFeatures(Path file, String sha256, Model model, int[] inputShape, int featureDimension,
            int classCount) {
        this.file = file;
        this.sha256 = sha256;
        this.model = model;
        this.block = model.getBlock();
        this.inputShape = inputShape;
        this.featureDimension = featureDimension;
        this.classCount = classCount;
    }

    /**
     * Loads {@code file} and probes its output sizes with one forward pass on a zero batch.
     *
     * @param inputShape the image shape the model takes, [channels, height, width]
     * @param threads libtorch intra-op threads for this JVM (0: one per core)
     * @throws ConfigException when the file is missing, is not TorchScript, or fails on such input
     */
    public static TorchScriptFeatures load(Path file, int[] inputShape, int threads) {
        return load(file, inputShape, -1, -1, threads);
    }

    /**
     * As {@link #load(Path, int[], int)}, checking the probed sizes against the expected ones.
     *
     * @param featureDimension the expected feature length, or −1 to accept what the model gives
     * @param classCount the expected number of classes (0: features only), or −1 to accept what the model gives
     */
    public static TorchScriptFeatures load(Path file, int[] inputShape, int featureDimension, int classCount,
            int threads) {
        if (inputShape.length != 3 || Arrays.stream(inputShape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("input shape must be [channels, height, width], got "
                    + Arrays.toString(inputShape));
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("TorchScript feature network '" + file + "' does not exist (expected " + EXPECTED
                    + ")");
        }
        String sha;
        try {
            sha = Downloader.sha256(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read TorchScript feature network '" + file + "': " + e.getMessage(), e);
        }
        TorchEngine.start(threads);
        Model model = Model.newInstance("torchscript", Device.cpu(), "PyTorch");
        try {
            // Parameters loaded for training are ordinary tensors: a feature-space loss can differentiate through
            // them (inference tensors cannot be saved for backward). The module still runs in inference mode.
            model.load(file, null, java.util.Map.of(TorchScriptModules.TRAINABLE_PARAMETERS, "true"));
            TorchScriptModules.inferenceMode(model.getBlock());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ConfigException("'" + file + "' is not a TorchScript model libtorch " + TorchEngine.libtorchVersion()
                    + " can load (expected " + EXPECTED + "): " + firstLine(e), e);
        }
        try {
            int[] sizes = probe(model, file, inputShape);
            check(file, "feature dimension", featureDimension, sizes[0]);
            check(file, "class count", classCount, sizes[1]);
            return new TorchScriptFeatures(file, sha, model, inputShape.clone(), sizes[0], sizes[1]);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Feature length and class count (0 without logits) from a forward pass on two zero images. */
    private static int[] probe(Model model, Path file, int[] inputShape) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDList out;
            try {
                out = model.getBlock().forward(new ParameterStore(m, false),
                        new NDList(m.zeros(new Shape(2, inputShape[0], inputShape[1], inputShape[2]))), false);
            } catch (RuntimeException e) {
                throw new ConfigException("TorchScript model '" + file + "' fails on a batch of shape [2, "
                        + inputShape[0] + ", " + inputShape[1] + ", " + inputShape[2] + "] (expected " + EXPECTED + "): "
                        + firstLine(e), e);
            }
            if (out.size() != 1 && out.size() != 2) {
                throw new ConfigException("TorchScript model '" + file + "' returns " + out.size() + " tensors (expected "
                        + EXPECTED + ")");
            }
            int[] sizes = new int[2];
            for (int i = 0; i < out.size(); i++) {
                Shape s = out.get(i).getShape();
                if (s.dimension() < 2 || s.get(0) != 2 || (i == 1 && s.dimension() != 2)) {
                    throw new ConfigException("TorchScript model '" + file + "' returns " + (i == 0 ? "features" : "logits")
                            + " of shape " + s + " for 2 images (expected " + EXPECTED + ")");
                }
                sizes[i] = Math.toIntExact(s.size() / 2);
            }
            return sizes;
        }
    }

    private static void check(Path file, String what, int expected, int actual) {
        if (expected >= 0 && expected != actual) {
            throw new ConfigException("TorchScript model '" + file + "' gives " + what + " " + actual + ", expected "
                    + expected);
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** {@code torchscript <file name> sha256:<first 12 hex digits of the file's SHA-256>}. */
    @Override
    public String identity() {
        return "torchscript " + file.getFileName() + " sha256:" + sha256.substring(0, 12);
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int featureDimension() {
        return featureDimension;
    }

    @Override
    public int classCount() {
        return classCount;
    }

    @Override
    public synchronized Embedding embed(float[] images, int count) {
        int length = inputShape[0] * inputShape[1] * inputShape[2];
        if (count < 0 || images.length < (long) count * length) {
            throw new IllegalArgumentException(count + " images of shape " + Arrays.toString(inputShape) + " need "
                    + (long) count * length + " values, got " + images.length);
        }
        float[] features = new float[count * featureDimension];
        float[] probabilities = classCount > 0 ? new float[count * classCount] : null;
        for (int start = 0; start < count; start += BATCH) {
            int n = Math.min(BATCH, count - start);
            float[] chunk = Arrays.copyOfRange(images, start * length, (start + n) * length);
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDArray x = m.create(chunk, new Shape(n, inputShape[0], inputShape[1], inputShape[2]));
                NDList out = block.forward(new ParameterStore(m, false), new NDList(x), false);
                NDArray f = out.get(0).toType(DataType.FLOAT32, false);
                System.arraycopy(f.toFloatArray(), 0, features, start * featureDimension, n * featureDimension);
                if (probabilities != null) {
                    NDArray p = out.get(1).toType(DataType.FLOAT32, false).softmax(1);
                    System.arraycopy(p.toFloatArray(), 0, probabilities, start * classCount, n * classCount);
                }
            }
        }
        return new Embedding(new FeatureMatrix(count, featureDimension, features),
                probabilities == null ? null : new FeatureMatrix(count, classCount, probabilities));
    }

    /**
     * The module's features (its first output) as a differentiable map of image batches; its
     * parameters stop tracking gradients, for good.
     */
    java.util.function.UnaryOperator<NDArray> frozenFeatures() {
        for (var p : block.getParameters()) {
            p.getValue().getArray().setRequiresGradient(false);
        }
        return x -> {
            NDList out = TorchScriptModules.forwardWithGradient(block, new NDList(x));
            for (int i = 1; i < out.size(); i++) {
                out.get(i).close(); // the logits: not compared, and libtorch's own memory, so safe to let go
            }
            return out.get(0).toType(DataType.FLOAT32, false);
        };
    }

    NDManager manager() {
        return model.getNDManager();
    }

    @Override
    public void close() {
        model.close();
    }
}
