package org.gantry.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gantry.config.ConfigException;

/**
 * The four IDX files of MNIST or Fashion-MNIST (the same layout) in one directory, under their
 * standard names, each gzip-compressed ({@code .gz}) or raw.
 */
public final class MnistFiles {
    /** What such a directory holds, for error messages. */
    public static final String CONTENTS = "a directory with train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
            + "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz, gzip-compressed or raw";

    private MnistFiles() {}

    /** The training (60,000) or test (10,000) images of the directory, with their labels. */
    public static ImageDataset read(String name, Path dir, boolean train) {
        String prefix = prefix(train);
        Path images = find(name, dir, prefix + "-images-idx3-ubyte");
        Path labels = find(name, dir, prefix + "-labels-idx1-ubyte");
        // Gantry trains its classifier on every MNIST-like data set, split by split.
        return IdxFiles.readImages(name, images, labels).withFixedSplits(name);
    }

    /** {@code train} or {@code t10k}, how the standard file names start. */
    static String prefix(boolean train) {
        return train ? "train" : "t10k";
    }

    private static Path find(String name, Path dir, String base) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("data.path '" + dir + "' is not a directory (data.name=" + name + " needs "
                    + CONTENTS + ")");
        }
        for (String candidate : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new ConfigException("data.path '" + dir + "' has no " + base + ".gz or " + base + " (data.name=" + name
                + " needs " + CONTENTS + ")");
    }
}
