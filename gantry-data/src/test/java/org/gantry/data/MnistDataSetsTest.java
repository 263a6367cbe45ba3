package org.gantry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gantry.data.DataSetsTest.config;
import static org.gantry.data.IdxFilesTest.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.gantry.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mnist and fashion_mnist through the registry, on the real files in ../shared/data. */
class MnistDataSetsTest {

    static int[] histogram(Dataset d) {
        int[] h = new int[d.classCount()];
        for (int i = 0; i < d.size(); i++) {
            h[d.label(i)]++;
        }
        return h;
    }

    /** Smallest and largest float over the whole data set. */
    static float[] range(Dataset d) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        float[] out = new float[d.exampleLength()];
        for (int i = 0; i < d.size(); i++) {
            d.fill(new int[] {i}, out);
            for (float v : out) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return new float[] {min, max};
    }

    @Test
    void mnistTrainAndTestSplits() throws Exception {
        Path dir = shared("mnist");
        Dataset train = DataSets.create(config("data.name=mnist", "data.path=" + dir));
        assertThat(train.name()).isEqualTo("mnist");
        assertThat(train.size()).isEqualTo(60_000);
        assertThat(train.exampleShape()).containsExactly(1, 28, 28);
        assertThat(train.classCount()).isEqualTo(10);
        assertThat(histogram(train)).containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
        assertThat(range(train)).containsExactly(-1f, 1f);
        assertThat(IdxFilesTest.firstImageSha((ImageDataset) train))
                .isEqualTo("23ceaef5eb61f0e70d64ac18fdf0f60df3d5971cf30bbadac7b6ebf07f782d2c");
        Dataset test = DataSets.create(config("data.name=mnist", "data.path=" + dir, "data.split=test"));
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(histogram(test)).containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
    }

    @Test
    void fashionMnistTrainAndTestSplits() throws Exception {
        Path dir = shared("fashion-mnist");
        Dataset train = DataSets.create(config("data.name=fashion_mnist", "data.path=" + dir));
        assertThat(train.name()).isEqualTo("fashion_mnist");
        // Counts computed independently with Python's gzip from the same label files.
        assertThat(histogram(train)).containsExactly(6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000);
        assertThat(train.label(0)).isEqualTo(9);
        assertThat(range(train)).containsExactly(-1f, 1f);
        assertThat(IdxFilesTest.firstImageSha((ImageDataset) train))
                .isEqualTo("5bd44e331a6d6998daf675700cd0c13dcd7af8ab954b7585124124da61459e7b");
        Dataset test = DataSets.create(config("data.name=fashion_mnist", "data.path=" + dir, "data.split=test"));
        assertThat(histogram(test)).containsExactly(1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000);
        assertThat(IdxFilesTest.firstImageSha((ImageDataset) test))
                .isEqualTo("ffc7351ed0f8bae542820866086177fa4e0b366b97bf9d998dffdb8dbe138787");
    }

    @Test
    void rawFilesWorkAndMissingOnesAreNamed(@TempDir Path tmp) throws IOException {
        Path dir = shared("mnist");
        for (String f : new String[] {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(f + ".gz")));
                    OutputStream out = Files.newOutputStream(tmp.resolve(f))) {
                in.transferTo(out);
            }
        }
        Dataset raw = DataSets.create(config("data.name=mnist", "data.path=" + tmp, "data.split=test"));
        Dataset gz = DataSets.create(config("data.name=mnist", "data.path=" + dir, "data.split=test"));
        float[] a = new float[784 * 3];
        float[] b = new float[784 * 3];
        raw.fill(new int[] {0, 5000, 9999}, a);
        gz.fill(new int[] {0, 5000, 9999}, b);
        assertThat(a).containsExactly(b);
        assertThatThrownBy(() -> DataSets.create(config("data.name=mnist", "data.path=" + tmp)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(tmp.toString())
                .hasMessageContaining("train-images-idx3-ubyte.gz or train-images-idx3-ubyte");
        Files.delete(tmp.resolve("t10k-labels-idx1-ubyte"));
        Files.writeString(tmp.resolve("t10k-labels-idx1-ubyte"), "short");
        assertThatThrownBy(() -> DataSets.create(config("data.name=mnist", "data.path=" + tmp, "data.split=test")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(tmp.resolve("t10k-labels-idx1-ubyte").toString());
    }
}
