package org.gantry.core.features;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.gantry.config.ConfigException;
import org.gantry.data.Dataset;
import org.gantry.data.MnistFiles;

/**
 * A labelled data set with a fixed split: the classifier trains on {@code train} and reports its
 * accuracy on {@code test}. The two splits must hold images of one shape, every image labelled.
 */
public record ClassifierData(String name, Dataset train, Dataset test) {
    /** The data sets {@link #read} knows. */
    public static final List<String> NAMES = List.of("mnist", "fashion_mnist");
    private static final int CHUNK = 1000;

    public ClassifierData {
        for (Dataset d : new Dataset[] {train, test}) {
            if (!d.hasLabels() || d.size() == 0) {
                throw new IllegalArgumentException("data set '" + d.name() + "' must hold labelled images");
            }
            if (d.exampleShape().length != 3) {
                throw new IllegalArgumentException("data set '" + d.name() + "' holds examples of shape "
                        + Arrays.toString(d.exampleShape()) + ", not images [channels, height, width]");
            }
        }
        if (!Arrays.equals(train.exampleShape(), test.exampleShape())) {
            throw new IllegalArgumentException("training images " + Arrays.toString(train.exampleShape())
                    + " and test images " + Arrays.toString(test.exampleShape()) + " differ in shape");
        }
    }

    /**
     * MNIST or Fashion-MNIST from the standard IDX files in {@code dir}.
     *
     * @throws ConfigException for an unknown name or missing or damaged files, naming what is wrong
     */
    public static ClassifierData read(String name, Path dir) {
        if (!NAMES.contains(name)) {
            throw new ConfigException("no classifier for data set '" + name + "'; allowed: " + String.join(", ", NAMES));
        }
        return new ClassifierData(name, MnistFiles.read(name, dir, true), MnistFiles.read(name, dir, false));
    }

    /** Image shape, [channels, height, width]. */
    public int[] imageShape() {
        return train.exampleShape();
    }

    /** Number of classes: the largest label of either split, plus one. */
    public int classCount() {
        return Math.max(train.classCount(), test.classCount());
    }

    /**
     * SHA-256 (hexadecimal) of the data exactly as loaded: for each split its image count and shape,
     * every pixel as the byte it was decoded from (pixels arrive in [−1, 1] as p / 127.5 − 1), and
     * every label. The same images give the same checksum whether the files were gzipped or raw.
     */
    public String checksum() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
        for (Dataset d : new Dataset[] {train, test}) {
            int length = d.exampleLength();
            md.update(ints(d.size(), d.exampleShape()[0], d.exampleShape()[1], d.exampleShape()[2]));
            float[] pixels = new float[CHUNK * length];
            byte[] bytes = new byte[CHUNK * length];
            for (int start = 0; start < d.size(); start += CHUNK) {
                int n = Math.min(CHUNK, d.size() - start);
                d.fillRange(start, n, pixels);
                for (int k = 0; k < n * length; k++) {
                    bytes[k] = (byte) Math.round((pixels[k] + 1f) * 127.5f);
                }
                md.update(bytes, 0, n * length);
            }
            int[] labels = new int[d.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = d.label(i);
            }
            md.update(ints(labels));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static byte[] ints(int... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * values.length);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }
}
