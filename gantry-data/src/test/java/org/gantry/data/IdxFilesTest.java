package org.gantry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.gantry.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on the real files in ../shared/data (see its README for their checksums). */
class IdxFilesTest {
    static Path shared(String dir) {
        Path p = Path.of(System.getProperty("gantry.shared", "../../shared"), "data", dir);
        assumeTrue(Files.isDirectory(p), "shared data set not present: " + p);
        return p;
    }

    /** SHA-256 of the first image's bytes, recovered from the scaled floats. */
    static String firstImageSha(ImageDataset d) throws Exception {
        float[] px = new float[784];
        d.fill(new int[] {0}, px);
        byte[] raw = new byte[784];
        for (int i = 0; i < 784; i++) {
            raw[i] = (byte) Math.round((px[i] + 1f) * 127.5f);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    }

    static int[] histogram(ImageDataset d) {
        int[] h = new int[10];
        for (int i = 0; i < d.size(); i++) {
            h[d.label(i)]++;
        }
        return h;
    }

    @Test
    void mnistCountsLabelsPixelsAndFirstImages() throws Exception {
        Path dir = shared("mnist");
        ImageDataset train = IdxFiles.readImages("mnist", dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"));
        assertThat(train.size()).isEqualTo(60_000);
        assertThat(train.exampleShape()).containsExactly(1, 28, 28);
        assertThat(histogram(train)).containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
        assertThat(train.label(0)).isEqualTo(5);
        // Checksums computed independently with Python's gzip from the same files.
        assertThat(firstImageSha(train)).isEqualTo("23ceaef5eb61f0e70d64ac18fdf0f60df3d5971cf30bbadac7b6ebf07f782d2c");
        float[] all = new float[train.size() * 784];
        int[] idx = new int[train.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        train.fill(idx, all);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : all) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(-1f);
        assertThat(max).isEqualTo(1f);
        ImageDataset test = IdxFiles.readImages("mnist", dir.resolve("t10k-images-idx3-ubyte.gz"),
                dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThat(histogram(test)).containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
        assertThat(firstImageSha(test)).isEqualTo("8f6a418c9a639f9e14e96feca47a97df2a35a0a68ae2875431c5c80e05536941");
    }

    @Test
    void fashionMnistIsBalanced() throws Exception {
        Path dir = shared("fashion-mnist");
        ImageDataset train = IdxFiles.readImages("fashion-mnist", dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"));
        assertThat(histogram(train)).containsOnly(6000);
        assertThat(train.label(0)).isEqualTo(9);
        assertThat(firstImageSha(train)).isEqualTo("5bd44e331a6d6998daf675700cd0c13dcd7af8ab954b7585124124da61459e7b");
        ImageDataset test = IdxFiles.readImages("fashion-mnist", dir.resolve("t10k-images-idx3-ubyte.gz"),
                dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThat(histogram(test)).containsOnly(1000);
        assertThat(firstImageSha(test)).isEqualTo("ffc7351ed0f8bae542820866086177fa4e0b366b97bf9d998dffdb8dbe138787");
    }

    @Test
    void rawAndGzipGiveTheSameData(@TempDir Path tmp) throws Exception {
        Path gz = shared("mnist").resolve("t10k-labels-idx1-ubyte.gz");
        Path raw = tmp.resolve("t10k-labels-idx1-ubyte");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz)); OutputStream out = Files.newOutputStream(raw)) {
            in.transferTo(out);
        }
        assertThat(IdxFiles.readLabels(raw)).containsExactly(IdxFiles.readLabels(gz));
    }

    @Test
    void truncatedCorruptAndWrongFilesAreNamed(@TempDir Path tmp) throws IOException {
        Path gz = shared("mnist").resolve("t10k-images-idx3-ubyte.gz");
        byte[] bytes = Files.readAllBytes(gz);
        Path cut = tmp.resolve("cut.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> IdxFiles.readImages("x", cut, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(cut.toString());
        Path corrupt = tmp.resolve("corrupt.gz");
        byte[] bad = bytes.clone();
        for (int i = 100; i < 200; i++) {
            bad[i] ^= 0x5a;
        }
        Files.write(corrupt, bad);
        assertThatThrownBy(() -> IdxFiles.readImages("x", corrupt, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(corrupt.toString());
        Path labels = shared("mnist").resolve("t10k-labels-idx1-ubyte.gz");
        assertThatThrownBy(() -> IdxFiles.readImages("x", labels, null)).hasMessageContaining("not an IDX image file");
        assertThatThrownBy(() -> IdxFiles.readLabels(tmp.resolve("missing"))).hasMessageContaining("does not exist");
        Path rawCut = tmp.resolve("raw-cut");
        Files.write(rawCut, new byte[] {0, 0, 8, 1, 0, 0, 0, 10, 1, 2});
        assertThatThrownBy(() -> IdxFiles.readLabels(rawCut)).hasMessageContaining("truncated");
    }
}
