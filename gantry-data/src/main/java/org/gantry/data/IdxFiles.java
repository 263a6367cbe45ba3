package org.gantry.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.gantry.config.ConfigException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (LeCun et al.), gzip-compressed or raw; the
 * gzip magic bytes decide. Truncated or corrupt files fail with a message that names the file.
 */
public final class IdxFiles {
    private static final int UBYTE_IMAGES = 0x00000803;
    private static final int UBYTE_LABELS = 0x00000801;

    private IdxFiles() {}

    /**
     * Images of an {@code idx3-ubyte} file as {@code [1, rows, cols]}, with the labels of an
     * {@code idx1-ubyte} file when {@code labels} is not null.
     */
    public static ImageDataset readImages(String name, Path images, Path labels) {
        int[] y = labels == null ? null : readLabels(labels);
        try (DataInputStream in = open(images)) {
            expectMagic(in, UBYTE_IMAGES, images);
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (n <= 0 || rows <= 0 || cols <= 0 || (long) n * rows * cols > Integer.MAX_VALUE) {
                throw new ConfigException("IDX file '" + images + "' declares an impossible size " + n + "×" + rows + "×"
                        + cols);
            }
            // readNBytes grows its buffer as data arrives, so a corrupt header that declares
            // gigabytes fails as "truncated" instead of exhausting the heap.
            byte[] pixels = in.readNBytes(n * rows * cols);
            if (pixels.length < n * rows * cols) {
                throw truncated(images);
            }
            if (y != null && y.length != n) {
                throw new ConfigException("IDX label file '" + labels + "' holds " + y.length + " labels but image file '"
                        + images + "' holds " + n + " images");
            }
            return new ImageDataset(name, pixels, new int[] {1, rows, cols}, y);
        } catch (EOFException e) {
            throw truncated(images);
        } catch (IOException e) {
            throw unreadable(images, e);
        }
    }

    public static int[] readLabels(Path labels) {
        try (DataInputStream in = open(labels)) {
            expectMagic(in, UBYTE_LABELS, labels);
            int n = in.readInt();
            if (n <= 0) {
                throw new ConfigException("IDX file '" + labels + "' declares " + n + " labels");
            }
            byte[] raw = in.readNBytes(n);
            if (raw.length < n) {
                throw truncated(labels);
            }
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = raw[i] & 0xff;
            }
            return out;
        } catch (EOFException e) {
            throw truncated(labels);
        } catch (IOException e) {
            throw unreadable(labels, e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("IDX file '" + file + "' does not exist");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new DataInputStream(new BufferedInputStream(in, 1 << 16));
    }

    private static void expectMagic(DataInputStream in, int expected, Path file) throws IOException {
        int magic = in.readInt();
        if (magic != expected) {
            throw new ConfigException(String.format("'%s' is not an IDX %s file (magic 0x%08x, expected 0x%08x)", file,
                    expected == UBYTE_IMAGES ? "image" : "label", magic, expected));
        }
    }

    private static ConfigException truncated(Path file) {
        return new ConfigException("IDX file '" + file + "' is truncated: it ends before the data its header declares");
    }

    private static ConfigException unreadable(Path file, IOException e) {
        String why = e instanceof ZipException ? "corrupt gzip data (" + e.getMessage() + ")" : e.getMessage();
        return new ConfigException("cannot read IDX file '" + file + "': " + why, e);
    }
}
