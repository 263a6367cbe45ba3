package org.gantry.core.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import org.gantry.core.model.Network;
import org.gantry.core.nn.layer.BatchNormLayer;
import org.gantry.core.nn.layer.ConvLayer;
import org.gantry.core.nn.layer.DenseLayer;
import org.gantry.core.nn.layer.LayerSequence;
import org.gantry.core.nn.layer.Layers;
import org.gantry.core.nn.layer.WeightForm;
import org.gantry.core.optim.StatefulOptimizer;
import org.gantry.io.MagicString;
import org.gantry.random.Rng;

/**
 * The classifier CNN: two 5×5 convolutions (32, then 64 channels, no padding), each followed by 2×2
 * max pooling, batch norm and ReLU; then a dense layer of 128 units with batch norm and ReLU, whose
 * output is the feature vector, and a dense layer to the class logits. On 28×28 images the spatial
 * sizes are 24, 12, 8, 4. Normalising after the pooling (rather than before) gives the same kind of
 * network at a quarter of the batch-norm cost, which matters on a CPU.
 *
 * <p>Its parameters, store and updates are a {@link Network}'s, as a GAN's players are; this class
 * adds the architecture and the weights file. Every forward pass must run on inputs from a
 * sub-manager of {@link #manager} that the caller closes.
 */
final class ClassifierNetwork implements AutoCloseable {
    /** Length of the feature vector (the penultimate layer). */
    static final int FEATURES = 128;
    /** Names this architecture in the cache, so weights of another one are never loaded into it. */
    static final String ARCHITECTURE = "gantry-cnn-1: conv5x5-32 maxpool2 bn relu, conv5x5-64 maxpool2 bn relu, "
            + "dense-128 bn relu (features), dense-classes";
    private static final String MAGIC = "GANTRY-CLASSIFIER-WEIGHTS";
    private static final int VERSION = 1;
    private static final Shape TWO = new Shape(2, 2);
    private static final Shape NO_PADDING = new Shape(0, 0);

    private final int[] inputShape;
    private final int classes;
    private final NDManager root;
    private final Network network;

    /**
     * A network with untrained parameters drawn from {@code init} (PyTorch's default rule; batch
     * norm starts at γ 1, β 0), for inference until {@link #train} gives it an optimizer.
     */
    ClassifierNetwork(int[] inputShape, int classes, Rng init) {
        int flat = flattenedSize(inputShape);
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        this.inputShape = inputShape.clone();
        this.classes = classes;
        int c = inputShape[0];
        LayerSequence body = new LayerSequence().add(conv(c, 32)).add(maxPool()).add(new BatchNormLayer(32, true)).add(Layers.relu())
                .add(conv(32, 64)).add(maxPool()).add(new BatchNormLayer(64, true)).add(Layers.relu())
                .add(Layers.flatten()).add(new DenseLayer(flat, FEATURES, WeightForm.PLAIN))
                .add(new BatchNormLayer(FEATURES, true)).add(Layers.relu());
        LayerSequence head = new LayerSequence().add(new DenseLayer(FEATURES, classes, WeightForm.PLAIN));
        // Body and head nested, as the weights files of format 1 store them.
        LayerSequence all = new LayerSequence().add(body).add(head);
        root = NDManager.newBaseManager();
        network = new Network(all, inputShape, root, null, init);
    }

    private static ConvLayer conv(int in, int out) {
        return new ConvLayer(in, out, 5, 1, 0, WeightForm.PLAIN);
    }

    private static Block maxPool() {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            return new NDList(x.getNDArrayInternal().maxPool(TWO, TWO, NO_PADDING, false));
        });
    }

    /** Values per image after the last pooling, for an input of shape [channels, height, width]. */
    static int flattenedSize(int[] shape) {
        if (shape.length != 3 || shape[0] < 1) {
            throw new IllegalArgumentException("the classifier takes images [channels, height, width], got "
                    + Arrays.toString(shape));
        }
        if (shape[1] < 20 || shape[2] < 20) {
            throw new IllegalArgumentException("the classifier needs images of at least 20×20 pixels, got "
                    + Arrays.toString(shape));
        }
        int h = ((shape[1] - 4) / 2 - 4) / 2;
        int w = ((shape[2] - 4) / 2 - 4) / 2;
        return 64 * h * w;
    }

    /** Routes {@link #update} through {@code optimizer}. */
    void train(StatefulOptimizer optimizer) {
        network.trainWith(optimizer);
    }

    int[] inputShape() {
        return inputShape.clone();
    }

    int classes() {
        return classes;
    }

    NDManager manager() {
        return network.manager();
    }

    Shape batchShape(long n) {
        return new Shape(n, inputShape[0], inputShape[1], inputShape[2]);
    }

    /** The 128 features of a batch (after the last ReLU), in {@code x}'s manager. */
    NDArray features(NDArray x, boolean training) {
        return network.features(x, training);
    }

    /**
     * The features as a map that gradients pass through to its input and nowhere else: the
     * parameters stop tracking gradients, for good, as a frozen comparator's should.
     */
    java.util.function.UnaryOperator<NDArray> frozenFeatures() {
        network.setTracking(false);
        return x -> network.features(x, false);
    }

    NDArray logits(NDArray features, boolean training) {
        return network.outputOf(features, training);
    }

    /**
     * Features and softmax probabilities of {@code count} images in inference mode, {@code batch}
     * images at a time, each batch in its own NDManager scope.
     *
     * @param images {@code count} images, [channels, height, width] each, one after the other
     * @param features receives {@code count × 128} values, row after row
     * @param probabilities receives {@code count × classes} values, row after row
     */
    void embed(float[] images, int count, int batch, float[] features, float[] probabilities) {
        int length = inputShape[0] * inputShape[1] * inputShape[2];
        float[] chunk = new float[Math.min(batch, count) * length];
        for (int start = 0; start < count; start += batch) {
            int n = Math.min(batch, count - start);
            if (n * length != chunk.length) {
                chunk = new float[n * length];
            }
            System.arraycopy(images, start * length, chunk, 0, chunk.length);
            try (NDManager m = manager().newSubManager()) {
                NDArray f = features(m.create(chunk, batchShape(n)), false);
                NDArray p = logits(f, false).softmax(1);
                System.arraycopy(f.toFloatArray(), 0, features, start * FEATURES, n * FEATURES);
                System.arraycopy(p.toFloatArray(), 0, probabilities, start * classes, n * classes);
            }
        }
    }

    /** Applies the optimizer to the accumulated gradients, then clears them. */
    void update() {
        network.update();
    }

    /**
     * The weights as bytes: a header (magic, version, architecture, input shape, classes) and the
     * parameters in DJL's encoding, batch-norm running statistics included. Equal networks give
     * equal bytes, so the SHA-256 of these bytes identifies the network.
     */
    byte[] weights() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(ARCHITECTURE);
            for (int d : inputShape) {
                out.writeInt(d);
            }
            out.writeInt(classes);
            network.saveParameters(out);
        } catch (IOException e) {
            throw new IllegalStateException(e); // in memory
        }
        return bytes.toByteArray();
    }

    /** A network from {@link #weights()} bytes; {@code source} names them in error messages. */
    static ClassifierNetwork read(byte[] weights, String source) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
            if (!MagicString.readAndMatch(in, MAGIC)) {
                throw new IOException(source + " does not hold Gantry classifier weights");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(source + " has classifier weights format " + version + "; this Gantry reads "
                        + VERSION);
            }
            String architecture = in.readUTF();
            if (!ARCHITECTURE.equals(architecture)) {
                throw new IOException(source + " holds another architecture (" + architecture + ")");
            }
            int[] shape = {in.readInt(), in.readInt(), in.readInt()};
            int classes = in.readInt();
            // The drawn values are replaced by the loaded ones.
            ClassifierNetwork net = new ClassifierNetwork(shape, classes, new Rng(0));
            try {
                net.load(in, source);
                return net;
            } catch (IOException | RuntimeException e) {
                net.close();
                throw e;
            }
        } catch (EOFException e) {
            throw new IOException(source + " is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + " is damaged: " + e.getMessage(), e);
        }
    }

    private void load(DataInputStream in, String source) throws IOException {
        try {
            network.loadParameters(in);
        } catch (IOException e) {
            throw new IOException(source + " is damaged: " + e.getMessage(), e);
        }
        if (in.read() != -1) {
            throw new IOException(source + " has bytes after the last parameter");
        }
    }

    @Override
    public void close() {
        network.close();
        root.close();
    }
}
