package org.gantry.core.features;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.gantry.data.ImageDataset;
import org.gantry.random.Rng;

/**
 * Small MNIST-shaped data for classifier tests: 28×28 grey images whose class k shows a bright
 * 6×6 square at one of ten places (plus faint noise), easy to learn in a few steps.
 */
final class TinyMnist {
    private TinyMnist() {}

    /** {@code count} images and labels (label i % 10), pixels as unsigned bytes. */
    static ImageDataset images(String name, int count, long seed) {
        byte[] pixels = pixels(count, seed);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
        }
        return new ImageDataset(name, pixels, new int[] {1, 28, 28}, labels);
    }

    static byte[] pixels(int count, long seed) {
        Rng rng = new Rng(seed);
        byte[] pixels = new byte[count * 784];
        for (int i = 0; i < count; i++) {
            int k = i % 10;
            int top = 3 + (k / 5) * 13 + rng.nextInt(3);
            int left = 2 + (k % 5) * 5 + rng.nextInt(2);
            for (int p = 0; p < 784; p++) {
                pixels[i * 784 + p] = (byte) rng.nextInt(40);
            }
            for (int y = top; y < top + 6; y++) {
                for (int x = left; x < Math.min(28, left + 6); x++) {
                    pixels[i * 784 + y * 28 + x] = (byte) (200 + rng.nextInt(56));
                }
            }
        }
        return pixels;
    }

    /** Writes the four IDX files of a train/test split into {@code dir}; gzip-compressed when asked. */
    static Path writeIdx(Path dir, int trainCount, int testCount, long seed, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        write(dir, "train", pixels(trainCount, seed), trainCount, gzip);
        write(dir, "t10k", pixels(testCount, seed + 1), testCount, gzip);
        return dir;
    }

    private static void write(Path dir, String prefix, byte[] pixels, int count, boolean gzip) throws IOException {
        String suffix = gzip ? ".gz" : "";
        try (DataOutputStream out = new DataOutputStream(open(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), gzip))) {
            out.writeInt(0x00000803);
            out.writeInt(count);
            out.writeInt(28);
            out.writeInt(28);
            out.write(pixels);
        }
        try (DataOutputStream out = new DataOutputStream(open(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), gzip))) {
            out.writeInt(0x00000801);
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                out.writeByte(i % 10);
            }
        }
    }

    private static OutputStream open(Path file, boolean gzip) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        return gzip ? new GZIPOutputStream(raw) : raw;
    }
}
