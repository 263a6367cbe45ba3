package org.gantry.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gantry.config.ConfigException;

/**
 * Reads the binary version of CIFAR-10 (Krizhevsky 2009, {@code cifar-10-binary.tar.gz}): files of
 * 3,073-byte records, each one label byte (0–9) then 3,072 pixel bytes — the 1,024 red, then green,
 * then blue values of a 32×32 image, rows top to bottom. That is already channel-first, so records
 * are copied into an {@link ImageDataset} as they are.
 */
public final class Cifar10Binary {
    /** The folder the publisher's archive unpacks to. */
    public static final String FOLDER = "cifar-10-batches-bin";
    public static final List<String> TRAIN_FILES =
            List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final List<String> TEST_FILES = List.of("test_batch.bin");
    /** What data.path must hold, for error messages. */
    public static final String CONTENTS = "a directory with data_batch_1.bin … data_batch_5.bin and test_batch.bin "
            + "(the binary version, " + FOLDER + "), or its parent";

    private static final int CLASSES = 10;
    private static final int PIXELS = 3 * 32 * 32;
    private static final int RECORD = 1 + PIXELS;

    private Cifar10Binary() {}

    /** The 50,000 training or 10,000 test images of {@code dir} (the batch folder or its parent). */
    public static ImageDataset read(String name, Path dir, boolean train) {
        Path folder = batchFolder(dir);
        List<String> names = train ? TRAIN_FILES : TEST_FILES;
        long records = 0;
        for (String file : names) {
            records += recordCount(folder.resolve(file));
        }
        if (records * PIXELS > Integer.MAX_VALUE) {
            throw new ConfigException("CIFAR-10 batches in '" + folder + "' hold " + records
                    + " records, more than one array can take");
        }
        byte[] pixels = new byte[(int) records * PIXELS];
        int[] labels = new int[(int) records];
        int at = 0;
        for (String file : names) {
            at = readRecords(folder.resolve(file), pixels, labels, at);
        }
        return new ImageDataset(name, pixels, new int[] {3, 32, 32}, labels).withFixedSplits(null);
    }

    /** {@code dir} itself when it holds the batches, else its {@value #FOLDER} subfolder. */
    static Path batchFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("data.path '" + dir + "' is not a directory (CIFAR-10 needs " + CONTENTS + ")");
        }
        if (Files.exists(dir.resolve(TRAIN_FILES.get(0))) || Files.exists(dir.resolve(TEST_FILES.get(0)))) {
            return dir;
        }
        Path sub = dir.resolve(FOLDER);
        if (Files.isDirectory(sub)) {
            return sub;
        }
        throw new ConfigException("data.path '" + dir + "' holds no CIFAR-10 binary batches (CIFAR-10 needs " + CONTENTS
                + ")");
    }

    private static long recordCount(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("CIFAR-10 batch file '" + file + "' is missing (CIFAR-10 needs " + CONTENTS + ")");
        }
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read CIFAR-10 batch file '" + file + "': " + e.getMessage(), e);
        }
        if (bytes == 0 || bytes % RECORD != 0) {
            throw new ConfigException("CIFAR-10 batch file '" + file + "' is " + bytes
                    + " bytes, not a whole number of 3,073-byte records (1 label byte + 3,072 pixel bytes): "
                    + "truncated, or not the binary version");
        }
        return bytes / RECORD;
    }

    /** Appends the file's records from image {@code at} on; returns the next free image index. */
    private static int readRecords(Path file, byte[] pixels, int[] labels, int at) {
        long records = recordCount(file);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            for (long r = 0; r < records; r++, at++) {
                int label = in.readUnsignedByte();
                if (label >= CLASSES) {
                    throw new ConfigException("CIFAR-10 batch file '" + file + "' record " + r + " has label " + label
                            + ", expected 0–9: not a CIFAR-10 binary batch (CIFAR-100 has two label bytes)");
                }
                labels[at] = label;
                in.readFully(pixels, at * PIXELS, PIXELS);
            }
            return at;
        } catch (EOFException e) {
            throw new ConfigException("CIFAR-10 batch file '" + file + "' is truncated: it shrank while being read", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read CIFAR-10 batch file '" + file + "': " + e.getMessage(), e);
        }
    }
}
