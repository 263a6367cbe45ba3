package org.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BestMatchingTest {

    /** The best total over every injective assignment of rows to columns, by enumeration. */
    static double bruteForce(double[][] w, int row, boolean[] taken) {
        if (row == w.length) {
            return 0;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < w[0].length; j++) {
            if (!taken[j]) {
                taken[j] = true;
                best = Math.max(best, w[row][j] + bruteForce(w, row + 1, taken));
                taken[j] = false;
            }
        }
        return best;
    }

    @Test
    void matchesTheBestAssignmentFoundByEnumeration() {
        Random r = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + r.nextInt(6);
            int m = n + r.nextInt(3);
            double[][] w = new double[n][m];
            for (double[] row : w) {
                for (int j = 0; j < m; j++) {
                    // Small integers make ties common, where a careless implementation slips.
                    row[j] = trial % 2 == 0 ? r.nextInt(4) : r.nextGaussian();
                }
            }
            int[] match = BestMatching.maximise(w);
            assertThat(match).doesNotHaveDuplicates();
            assertThat(BestMatching.total(w, match)).as("trial %d", trial)
                    .isCloseTo(bruteForce(w, 0, new boolean[m]), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void aPermutedDiagonalIsUndone() {
        double[][] w = new double[10][10];
        int[] perm = {3, 7, 0, 9, 1, 4, 8, 2, 6, 5};
        for (int i = 0; i < 10; i++) {
            w[i][perm[i]] = 100;
            w[i][(perm[i] + 1) % 10] = 40;
        }
        assertThat(BestMatching.maximise(w)).containsExactly(perm);
    }

    @Test
    void moreRowsThanColumnsIsRefused() {
        assertThatThrownBy(() -> BestMatching.maximise(new double[3][2])).hasMessageContaining("3 rows");
    }
}
