package org.gantry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.gantry.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CIFAR-10 binary reader on small fake batches with a known pixel pattern. */
class Cifar10BinaryTest {
    /** Pixel k of global record r; labels are r mod 10. */
    static int pixel(int r, int k) {
        return (7 * r + k) & 0xff;
    }

    /** Writes data_batch_1..5 with 3 records each and test_batch with 2 into {@code dir}/cifar-10-batches-bin. */
    static Path writeFakeBatches(Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(Cifar10Binary.FOLDER));
        int r = 0;
        for (String name : Cifar10Binary.TRAIN_FILES) {
            Files.write(folder.resolve(name), records(r, 3));
            r += 3;
        }
        Files.write(folder.resolve("test_batch.bin"), records(100, 2));
        return folder;
    }

    static byte[] records(int first, int count) {
        byte[] b = new byte[count * 3073];
        for (int i = 0; i < count; i++) {
            int r = first + i;
            b[i * 3073] = (byte) (r % 10);
            for (int k = 0; k < 3072; k++) {
                b[i * 3073 + 1 + k] = (byte) pixel(r, k);
            }
        }
        return b;
    }

    @Test
    void readsRecordsChannelFirstFromTheFolderOrItsParent(@TempDir Path tmp) throws IOException {
        Path folder = writeFakeBatches(tmp);
        ImageDataset train = Cifar10Binary.read("cifar10", tmp, true);
        assertThat(train.size()).isEqualTo(15);
        assertThat(train.exampleShape()).containsExactly(3, 32, 32);
        float[] out = new float[3072];
        train.fill(new int[] {13}, out); // data_batch_5, second record
        for (int k : new int[] {0, 1023, 1024, 2048, 3071}) {
            assertThat(out[k]).as("pixel %d", k).isEqualTo(pixel(13, k) / 127.5f - 1f);
        }
        assertThat(train.label(13)).isEqualTo(3);
        ImageDataset test = Cifar10Binary.read("cifar10", folder, false);
        assertThat(test.size()).isEqualTo(2);
        assertThat(test.label(1)).isEqualTo(1);
        test.fill(new int[] {0}, out);
        assertThat(out[1024 + 32 * 5 + 7]).isEqualTo(pixel(100, 1024 + 32 * 5 + 7) / 127.5f - 1f); // green, row 5, col 7
    }

    @Test
    void truncatedMissingAndForeignFilesAreNamed(@TempDir Path tmp) throws IOException {
        Path folder = writeFakeBatches(tmp);
        Path third = folder.resolve("data_batch_3.bin");
        byte[] bytes = Files.readAllBytes(third);
        Files.write(third, Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> Cifar10Binary.read("cifar10", tmp, true)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(third.toString()).hasMessageContaining("9218 bytes");
        bytes[0] = 10; // a CIFAR-100 coarse label would look like this
        Files.write(third, bytes);
        assertThatThrownBy(() -> Cifar10Binary.read("cifar10", tmp, true)).hasMessageContaining(third.toString())
                .hasMessageContaining("label 10");
        Files.delete(folder.resolve("test_batch.bin"));
        assertThatThrownBy(() -> Cifar10Binary.read("cifar10", folder, false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("test_batch.bin").hasMessageContaining("missing");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> Cifar10Binary.read("cifar10", empty, true)).hasMessageContaining(empty.toString())
                .hasMessageContaining("data_batch_1.bin");
    }
}
