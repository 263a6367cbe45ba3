package org.gantry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.data.DataSetsTest.config;
import static org.gantry.data.IdxFilesTest.shared;

import java.nio.file.Path;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/** Stacked MNIST (BENCHMARKS.md) on the real MNIST training files. */
class StackedMnistTest {

    @Test
    void channelsAreTheDrawnDigitsAndLabelsTheirTriple() {
        Path dir = shared("mnist");
        StackedMnist s = (StackedMnist) DataSets.create(config("data.name=stacked_mnist", "data.path=" + dir, "seed=3",
                "data.stacked_images=50"));
        ImageDataset mnist = MnistFiles.read("mnist", dir, true);
        assertThat(s.name()).isEqualTo("stacked_mnist");
        assertThat(s.size()).isEqualTo(50);
        assertThat(s.exampleShape()).containsExactly(3, 28, 28);
        assertThat(s.classCount()).isEqualTo(1000);
        // The documented draw: per example, red, green, blue index, each uniform over the 60,000.
        Rng rng = Rng.forPurpose(3, "stacked-mnist");
        float[] example = new float[3 * 784];
        float[] digit = new float[784];
        for (int i = 0; i < s.size(); i++) {
            s.fill(new int[] {i}, example);
            int label = 0;
            for (int c = 0; c < 3; c++) {
                int index = rng.nextInt(60_000);
                assertThat(s.mnistIndex(i, c)).isEqualTo(index);
                mnist.fill(new int[] {index}, digit);
                for (int k = 0; k < 784; k++) {
                    assertThat(example[c * 784 + k]).isEqualTo(digit[k]);
                }
                label = 10 * label + mnist.label(index);
            }
            assertThat(s.label(i)).isEqualTo(label);
        }
        StackedMnist other = (StackedMnist) DataSets.create(config("data.name=stacked_mnist", "data.path=" + dir,
                "seed=4", "data.stacked_images=50"));
        assertThat(other.mnistIndex(0, 0)).isNotEqualTo(s.mnistIndex(0, 0));
    }

    @Test
    void the128kTriplesCoverAllThousandModesAsMnistFrequenciesPredict() {
        Dataset s = DataSets.create(config("data.name=stacked_mnist", "data.path=" + shared("mnist")));
        assertThat(s.size()).isEqualTo(128_000);
        int[] counts = new int[1000];
        for (int i = 0; i < s.size(); i++) {
            counts[s.label(i)]++;
        }
        // Triple (a, b, c) has probability p_a·p_b·p_c with p the MNIST training class frequencies
        // (smallest expected count 128,000 · (5421/60000)³ ≈ 94, ample for chi-squared).
        double[] p = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
        int distinct = 0;
        double chi2 = 0;
        for (int t = 0; t < 1000; t++) {
            double expected = s.size() * (p[t / 100] / 60_000) * (p[t / 10 % 10] / 60_000) * (p[t % 10] / 60_000);
            chi2 += (counts[t] - expected) * (counts[t] - expected) / expected;
            distinct += counts[t] > 0 ? 1 : 0;
        }
        assertThat(distinct).isEqualTo(1000);
        // Seed 0, two-sided at level 0.002: the 0.001 and 0.999 quantiles of chi-squared with 999
        // degrees of freedom are 866.55 and 1142.85 (scipy.stats.chi2.ppf).
        assertThat(chi2).isBetween(866.55, 1142.85);
    }
}
