package org.gantry.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.gantry.config.Config;
import org.gantry.core.TestConfigs;
import org.gantry.core.evaluate.ClusterAssignment;
import org.gantry.core.game.Games;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.LatentSpace;
import org.gantry.data.GaussianMixture;
import org.gantry.data.PointDataset;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/** Short real runs of the competitive mixture on data of well separated clusters. */
class MixtureTrainingTest {
    private static final int CLUSTERS = 4;

    /**
     * Four clusters, four members, 1,500 steps from four seeds. Measured (AMD EPYC): seeds 0 and 2
     * end with every member generating one cluster of its own (all 500 samples of each) and the
     * assignment matching the clusters exactly; seeds 1 and 3 with one member that lost its points
     * while another holds two clusters (accuracy 0.75), the competitive procedure's known failure,
     * which the draft of Locatello et al. shows on MNIST too. What holds in every seed is the
     * procedure's point: each member that holds data generates only the clusters it holds.
     */
    @Test
    void eachMemberGeneratesTheClustersItHolds() {
        GaussianMixture clusters = GaussianMixture.ring(CLUSTERS, 1.0, 0.05);
        PointDataset data = new PointDataset("four clusters", clusters.sample(4000, new Rng(11)), 2, clusters);
        int exact = 0;
        for (long seed = 0; seed < 4; seed++) {
            Config c = TestConfigs.tiny("game.name=mixture", "game.components=" + CLUSTERS, "game.warmup_steps=200",
                    "train.batch=64", "seed=" + seed);
            try (GanModel model = Games.model(c, data); GanTrainer t = GanTrainerTest.trainer(model, c, data)) {
                for (int i = 0; i < 1500; i++) {
                    assertThat(t.trainStep().finite()).isTrue();
                }
                ClusterAssignment a = ClusterAssignment.of(model.discriminator(), CLUSTERS, data);
                long[][] samples = memberModes(model, clusters);
                String what = "seed " + seed + ": accuracy " + a.accuracy() + ", shares " + Arrays.toString(a.shares())
                        + ", samples of each member by cluster " + Arrays.deepToString(samples);
                // A random assignment scores about 0.25; one dead member and one holding two clusters 0.75.
                assertThat(a.accuracy()).as(what).isGreaterThan(0.7);
                for (int k = 0; k < CLUSTERS; k++) {
                    if (a.shares()[k] < 0.2) {
                        continue;
                    }
                    long own = 0;
                    for (int j = 0; j < CLUSTERS; j++) {
                        if (holder(a.counts(), j) == k) {
                            own += samples[k][j];
                        }
                    }
                    assertThat(own).as("%s: member %d's samples in the clusters it holds", what, k)
                            .isGreaterThanOrEqualTo(475);
                }
                // The sampling weights follow each member's share of the points (a running estimate over
                // batches of 64 with a memory of about 100 steps: standard deviation under 0.01).
                List<Double> weights = model.memberWeights();
                double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
                for (int k = 0; k < CLUSTERS; k++) {
                    assertThat(weights.get(k) / sum).as("%s: member %d's weight", what, k)
                            .isCloseTo(a.shares()[k], within(0.05));
                }
                if (a.accuracy() > 0.99) {
                    exact++;
                }
            }
        }
        assertThat(exact).as("seeds whose assignment recovers the clusters exactly").isPositive();
    }

    /** The member that holds most of cluster {@code j}'s points. */
    private static int holder(long[][] counts, int j) {
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k][j] > counts[best][j]) {
                best = k;
            }
        }
        return best;
    }

    /** How many of 500 samples of each member (rows) lie nearest each cluster (columns). */
    private static long[][] memberModes(GanModel model, GaussianMixture clusters) {
        LatentSpace space = model.latentSpace();
        int n = 500;
        long[][] counts = new long[CLUSTERS][CLUSTERS];
        for (int k = 0; k < CLUSTERS; k++) {
            float[] z = new float[n * space.size()];
            space.draw(new Rng(5 + k), z);
            for (int r = 0; r < n; r++) {
                space.setCategorical(z, r, 0, k);
            }
            float[] x = model.generate(z, n);
            for (int r = 0; r < n; r++) {
                counts[k][clusters.nearestMode(x, r)]++;
            }
        }
        return counts;
    }
}
