package org.gantry.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.gantry.core.TestConfigs;
import org.gantry.core.game.Games;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * A mixture's samples come from its members in proportion to the weights the evaluation generator
 * holds (copied into the generator's average, which is what samples), and weights all alike draw
 * as an unweighted latent space does.
 */
class MemberWeightsSamplingTest {
    private static final int MEMBERS = 3;

    @Test
    void membersAreDrawnInProportionToTheAveragedGeneratorsWeights() {
        try (GanModel model = Games.model(TestConfigs.tiny("game.name=mixture", "game.components=" + MEMBERS,
                "train.ema=0.9", "game.warmup_steps=0"), new int[] {2})) {
            assertThat(model.latentSpace().firstCodeWeights()).isEmpty();
            GanModel.memberWeightArray(model.generator()).set(new float[] {1f, 2f, 7f});
            assertThat(model.memberWeights()).containsExactly(1.0, 1.0, 1.0); // the average holds the old ones
            model.afterStep();
            assertThat(model.memberWeights()).containsExactly(1.0, 2.0, 7.0);
            LatentSpace space = model.latentSpace();
            int rows = 20_000;
            float[] z = new float[rows * space.size()];
            model.drawLatent(new Rng(11), z);
            int[] counts = new int[MEMBERS];
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < MEMBERS; k++) {
                    if (z[r * space.size() + space.noise() + k] == 1f) {
                        counts[k]++;
                    }
                }
            }
            // Pearson's chi-square against 0.1 / 0.2 / 0.7, 2 degrees of freedom: below 13.82 at level 0.001.
            double[] p = {0.1, 0.2, 0.7};
            double chi = 0;
            for (int k = 0; k < MEMBERS; k++) {
                chi += Math.pow(counts[k] - rows * p[k], 2) / (rows * p[k]);
            }
            assertThat(chi).isLessThan(13.82);
        }
    }
}
