package org.gantry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.config.ConfigException;
import org.gantry.config.GlobalSettings;
import org.gantry.config.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSetsTest {
    static Config config(String... sets) {
        Schema s = new Schema().add(GlobalSettings.SEED, DataSets.NAME).addAll(DataSets.REGISTRY.settings());
        ConfigBuilder b = new ConfigBuilder(s);
        for (String a : sets) {
            b.set(a);
        }
        return b.build();
    }

    @Test
    void classifierFilesComeFromDataPathOrNameWhatIsMissing(@TempDir Path dir) {
        assertThat(DataSets.idxFilesWithBothSplits(config("data.name=stacked_mnist", "data.path=" + dir), "mnist"))
                .isEqualTo(dir);
        assertThatThrownBy(() -> DataSets.idxFilesWithBothSplits(config("data.name=fashion_mnist"), "fashion_mnist"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("data.path")
                .hasMessageContaining("data.download=true");
        assertThatThrownBy(() -> DataSets.idxFilesWithBothSplits(config(), "cifar10"))
                .hasMessageContaining("cifar10");
    }

    @Test
    void ringMeansAreOnTheUnitCircle() {
        GaussianMixture m = DataSets.create(config("data.name=ring")).mixture().orElseThrow();
        assertThat(m.modes()).isEqualTo(8);
        assertThat(m.sigma()).isEqualTo(0.01);
        for (double[] mean : m.means()) {
            assertThat(Math.hypot(mean[0], mean[1])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(DataSets.create(config("data.name=ring2")).mixture().orElseThrow().means()[2]).containsExactly(
                new double[] {2 * Math.cos(Math.PI / 2), 2.0}, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void gridStatisticsMatchTheProtocol() {
        Dataset d = DataSets.create(config("data.name=grid", "data.size=50000"));
        GaussianMixture m = d.mixture().orElseThrow();
        assertThat(m.modes()).isEqualTo(25);
        assertThat(d.size()).isEqualTo(50_000);
        int[] idx = new int[d.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        float[] pts = new float[d.size() * 2];
        d.fill(idx, pts);
        // Assign each point to its nearest mean; residuals must have standard deviation sigma and
        // the modes must be equally likely (chi-squared with 24 degrees of freedom).
        int[] counts = new int[25];
        double sq = 0;
        for (int i = 0; i < d.size(); i++) {
            int best = 0;
            double bd = Double.MAX_VALUE;
            for (int k = 0; k < 25; k++) {
                double dx = pts[2 * i] - m.means()[k][0];
                double dy = pts[2 * i + 1] - m.means()[k][1];
                if (dx * dx + dy * dy < bd) {
                    bd = dx * dx + dy * dy;
                    best = k;
                }
            }
            counts[best]++;
            sq += bd;
        }
        double sigmaHat = Math.sqrt(sq / (2.0 * d.size()));
        assertThat(sigmaHat).isBetween(0.05 * 0.98, 0.05 * 1.02);
        double expected = d.size() / 25.0;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 0.999 quantile of chi-squared with 24 degrees of freedom is 51.18.
        assertThat(chi2).isLessThan(51.18);
    }

    @Test
    void grid16AndSeedsAreReproducible() {
        GaussianMixture m = DataSets.create(config("data.name=grid16")).mixture().orElseThrow();
        assertThat(m.modes()).isEqualTo(16);
        assertThat(m.means()[0]).containsExactly(-1.5, -1.5);
        float[] a = new float[2];
        float[] b = new float[2];
        DataSets.create(config("seed=5", "data.size=10")).fill(new int[] {3}, a);
        DataSets.create(config("seed=5", "data.size=10")).fill(new int[] {3}, b);
        assertThat(a).containsExactly(b);
    }

    @Test
    void csvReadsPointsAndNamesBadLines(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("pts.csv");
        Files.writeString(f, "x,y\n# comment\n1,2\n3 4\n5;6\n");
        Dataset d = DataSets.create(config("data.name=csv", "data.path=" + f));
        assertThat(d.size()).isEqualTo(3);
        float[] out = new float[4];
        d.fill(new int[] {2, 0}, out);
        assertThat(out).containsExactly(5, 6, 1, 2);
        Files.writeString(f, "1,2\n3\n");
        assertThatThrownBy(() -> DataSets.create(config("data.name=csv", "data.path=" + f)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line 2").hasMessageContaining(f.toString());
        assertThatThrownBy(() -> DataSets.create(config("data.name=csv", "data.path=" + dir.resolve("missing.csv"))))
                .hasMessageContaining("missing.csv");
        assertThatThrownBy(() -> DataSets.create(config("data.name=csv"))).hasMessageContaining("data.path");
    }

    @Test
    void fileDataSetsSayWhatDataPathMustHold(@TempDir Path dir) {
        assertThatThrownBy(() -> DataSets.create(config("data.name=mnist"))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("data.name=mnist needs data.path (a directory with train-images-idx3-ubyte.gz, ")
                .hasMessageEndingWith("or data.download=true");
        assertThatThrownBy(() -> DataSets.create(config("data.name=fashion_mnist")))
                .hasMessageContaining("data.name=fashion_mnist needs data.path");
        assertThatThrownBy(() -> DataSets.create(config("data.name=cifar10"))).hasMessageContaining("data_batch_1.bin")
                .hasMessageContaining("data.download=true");
        assertThatThrownBy(() -> DataSets.create(config("data.name=stacked_mnist")))
                .hasMessageContaining("data.name=stacked_mnist needs data.path");
        assertThatThrownBy(() -> DataSets.create(config("data.name=image_folder")))
                .hasMessageContaining("data.name=image_folder needs data.path");
        Path file = dir.resolve("mnist.csv");
        assertThatThrownBy(() -> DataSets.create(config("data.name=mnist", "data.path=" + file)))
                .hasMessageContaining(file.toString()).hasMessageContaining("not a directory");
    }

    @Test
    void newSettingsRejectBadValuesByKey() {
        assertThatThrownBy(() -> config("data.name=image_folder", "data.channels=2")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("data.channels").hasMessageContaining("1 or 3");
        assertThatThrownBy(() -> config("data.split=validation")).hasMessageContaining("data.split")
                .hasMessageContaining("train, test");
        assertThatThrownBy(() -> config("data.image_size=0")).hasMessageContaining("data.image_size");
        assertThatThrownBy(() -> config("data.download=yes")).hasMessageContaining("true or false");
        Config c = config("data.name=image_folder");
        assertThat(c.get(ImageFolder.IMAGE_SIZE)).isEqualTo(64);
        assertThat(c.get(ImageFolder.CHANNELS)).isEqualTo(3);
        assertThat(c.get(DataSets.SPLIT)).isEqualTo("train");
        assertThat(c.get(DataSets.DOWNLOAD)).isFalse();
        assertThat(c.get(StackedMnist.IMAGES)).isEqualTo(128_000);
        for (var s : DataSets.REGISTRY.settings()) {
            assertThat(s.description()).as(s.key()).isNotBlank();
        }
    }

    @Test
    void imageFolderThroughTheRegistry(@TempDir Path dir) throws IOException {
        ImageFolderTest.write(dir.resolve("x.png"), ImageFolderTest.grey(8, 8, (x, y) -> 255));
        Dataset d = DataSets.create(config("data.name=image_folder", "data.path=" + dir, "data.image_size=4",
                "data.channels=1"));
        assertThat(d.name()).isEqualTo("image_folder");
        assertThat(d.exampleShape()).containsExactly(1, 4, 4);
        float[] out = new float[16];
        d.fill(new int[] {0}, out);
        assertThat(out).containsOnly(1f);
    }

    @Test
    void cifar10ThroughTheRegistry(@TempDir Path dir) throws IOException {
        Cifar10BinaryTest.writeFakeBatches(dir);
        assertThat(DataSets.create(config("data.name=cifar10", "data.path=" + dir)).size()).isEqualTo(15);
        Dataset test = DataSets.create(config("data.name=cifar10", "data.path=" + dir, "data.split=test"));
        assertThat(test.size()).isEqualTo(2);
        assertThat(test.name()).isEqualTo("cifar10");
        assertThat(test.classCount()).isEqualTo(2); // the fake test batch has labels 0 and 1 only
    }
}
