package org.gantry.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

class LatentSpaceTest {

    @Test
    void withoutCodesTheDrawIsTheNoiseStreamItself() {
        float[] a = new float[60];
        LatentSpace.noiseOnly(3, false).draw(new Rng(9), a);
        float[] b = new float[60];
        new Rng(9).fillGaussian(b);
        assertThat(a).containsExactly(b);
    }

    @Test
    void aRestoredStreamDrawsTheSameCodes() {
        LatentSpace space = new LatentSpace(2, false, List.of(10, 3), 2);
        Rng rng = new Rng(11);
        float[] first = new float[7 * space.size()];
        space.draw(rng, first);
        byte[] state = rng.saveState();
        float[] next = new float[7 * space.size()];
        space.draw(rng, next);
        Rng restored = new Rng(99);
        restored.restoreState(state);
        float[] again = new float[7 * space.size()];
        space.draw(restored, again);
        assertThat(again).containsExactly(next);
    }

    @Test
    void settingACodeChangesThatCodeOfThatRowAlone() {
        LatentSpace space = new LatentSpace(2, false, List.of(3, 4), 2);
        float[] z = new float[3 * space.size()];
        space.draw(new Rng(1), z);
        float[] before = z.clone();
        space.setCategorical(z, 1, 1, 2);
        space.setContinuous(z, 1, 1, 1.75f);
        int row = space.size();
        for (int i = 0; i < z.length; i++) {
            int inRow = i - row;
            if (inRow >= 5 && inRow < 9) {
                assertThat(z[i]).as("one-hot of code 1").isEqualTo(inRow - 5 == 2 ? 1f : 0f);
            } else if (inRow == 10) {
                assertThat(z[i]).isEqualTo(1.75f);
            } else {
                assertThat(z[i]).as("index %d", i).isEqualTo(before[i]);
            }
        }
    }

    @Test
    void codesFollowTheirPriors() {
        int rows = 20_000;
        LatentSpace space = new LatentSpace(2, false, List.of(10), 1);
        assertThat(space.size()).isEqualTo(13);
        float[] z = new float[rows * space.size()];
        space.draw(new Rng(4), z);
        int[] counts = new int[10];
        double sum = 0;
        double sumSq = 0;
        for (int r = 0; r < rows; r++) {
            int at = r * 13 + 2;
            int ones = 0;
            for (int k = 0; k < 10; k++) {
                assertThat(z[at + k]).isIn(0f, 1f);
                if (z[at + k] == 1f) {
                    ones++;
                    counts[k]++;
                }
            }
            assertThat(ones).isEqualTo(1);
            float c = z[at + 10];
            assertThat(c).isBetween(-1f, 1f);
            sum += c;
            sumSq += c * c;
        }
        // Pearson's chi-square against the uniform prior, 9 degrees of freedom: below 27.88 at level 0.001.
        double chi = 0;
        for (int n : counts) {
            chi += Math.pow(n - rows / 10.0, 2) / (rows / 10.0);
        }
        assertThat(chi).isLessThan(27.88);
        // U(-1, 1): mean 0 (standard error 0.0041 here), variance 1/3.
        assertThat(sum / rows).isBetween(-0.02, 0.02);
        assertThat(sumSq / rows).isBetween(1 / 3.0 - 0.01, 1 / 3.0 + 0.01);
    }

    @Test
    void aBalancedBatchGivesEveryValueItsShareOfRowsAndTheLeftoversToDistinctValues() {
        LatentSpace space = new LatentSpace(2, false, List.of(10), 0);
        int rows = 23;
        int[] timesWithThree = new int[10];
        Rng rng = new Rng(4);
        for (int draw = 0; draw < 2000; draw++) {
            float[] z = new float[rows * space.size()];
            space.drawBalanced(rng, z);
            int[] counts = new int[10];
            for (int r = 0; r < rows; r++) {
                int ones = 0;
                for (int k = 0; k < 10; k++) {
                    if (z[r * space.size() + 2 + k] == 1f) {
                        ones++;
                        counts[k]++;
                    }
                }
                assertThat(ones).isEqualTo(1);
            }
            int three = 0;
            for (int k = 0; k < 10; k++) {
                assertThat(counts[k]).isBetween(2, 3);
                if (counts[k] == 3) {
                    three++;
                    timesWithThree[k]++;
                }
            }
            assertThat(three).isEqualTo(3);
        }
        // Each value takes a leftover row with probability 3/10: 600 of 2,000 draws, standard deviation
        // 20.5; five of them either way.
        for (int n : timesWithThree) {
            assertThat(n).isBetween(600 - 103, 600 + 103);
        }
    }

    @Test
    void aWeightedFirstCodeIsDrawnInProportionToItsWeights() {
        LatentSpace space = new LatentSpace(2, false, List.of(3, 2), 0).withFirstCodeWeights(List.of(1.0, 2.0, 7.0));
        int rows = 20_000;
        float[] z = new float[rows * space.size()];
        space.draw(new Rng(9), z);
        int[] counts = new int[3];
        int[] second = new int[2];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < 3; k++) {
                if (z[r * space.size() + 2 + k] == 1f) {
                    counts[k]++;
                }
            }
            for (int k = 0; k < 2; k++) {
                if (z[r * space.size() + 5 + k] == 1f) {
                    second[k]++;
                }
            }
        }
        // Pearson's chi-square against 0.1 / 0.2 / 0.7, 2 degrees of freedom: below 13.82 at level 0.001;
        // the second code stays uniform (1 degree of freedom: below 10.83).
        double[] p = {0.1, 0.2, 0.7};
        double chi = 0;
        for (int k = 0; k < 3; k++) {
            chi += Math.pow(counts[k] - rows * p[k], 2) / (rows * p[k]);
        }
        assertThat(chi).isLessThan(13.82);
        double chiSecond = 0;
        for (int k = 0; k < 2; k++) {
            chiSecond += Math.pow(second[k] - rows / 2.0, 2) / (rows / 2.0);
        }
        assertThat(chiSecond).isLessThan(10.83);
    }
}
