package org.gantry.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The data checksums of the shared MNIST and Fashion-MNIST files, which name their cache folders. */
class SharedDataChecksumTest {

    static Path shared(String name) {
        Path dir = Path.of(System.getProperty("gantry.shared", "../shared"), "data", name);
        assumeTrue(Files.isDirectory(dir), "shared " + name + " not present");
        return dir;
    }

    @Test
    void mnist() {
        ClassifierData d = ClassifierData.read("mnist", shared("mnist"));
        assertThat(d.train().size()).isEqualTo(60_000);
        assertThat(d.test().size()).isEqualTo(10_000);
        assertThat(d.classCount()).isEqualTo(10);
        assertThat(d.checksum()).isEqualTo("6a9803792098a39d47db4ea2ef8c1290dad8d1ba3d1b87def486e672031517ae");
    }

    @Test
    void fashionMnist() {
        ClassifierData d = ClassifierData.read("fashion_mnist", shared("fashion-mnist"));
        assertThat(d.train().size()).isEqualTo(60_000);
        assertThat(d.checksum()).isEqualTo("ec664bbf91b6905cf145cd1f3290f5842e4186a6f5f325fce1a7dd22110924ff");
    }
}
