package org.gantry.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CodeAccuracyTest {

    @Test
    void aCodeThatNamesEachDigitUnderAnotherValueIsFullyAccurate() {
        long[][] counts = new long[10][10];
        for (int v = 0; v < 10; v++) {
            counts[v][(3 * v + 1) % 10] = 100;
        }
        CodeAccuracy a = CodeAccuracy.fromCounts(counts);
        assertThat(a.accuracy()).isEqualTo(1.0);
        for (int v = 0; v < 10; v++) {
            assertThat(a.codeToClass()[v]).isEqualTo((3 * v + 1) % 10);
        }
    }

    /** The best of all K! matchings, by enumeration, over the total count. */
    static double bruteForce(long[][] counts) {
        int k = counts.length;
        int[] perm = new int[k];
        for (int i = 0; i < k; i++) {
            perm[i] = i;
        }
        double total = 0;
        for (long[] row : counts) {
            for (long c : row) {
                total += c;
            }
        }
        return best(counts, perm, 0) / total;
    }

    static long best(long[][] counts, int[] perm, int at) {
        if (at == perm.length) {
            long s = 0;
            for (int v = 0; v < perm.length; v++) {
                s += counts[v][perm[v]];
            }
            return s;
        }
        long b = 0;
        for (int i = at; i < perm.length; i++) {
            int t = perm[at];
            perm[at] = perm[i];
            perm[i] = t;
            b = Math.max(b, best(counts, perm, at + 1));
            perm[i] = perm[at];
            perm[at] = t;
        }
        return b;
    }

    @Test
    void accuracyIsTheBestMatchingFoundByEnumerationAndNeverBelowOneOverK() {
        Random r = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            int k = 2 + r.nextInt(6);
            long[][] counts = new long[k][k];
            for (long[] row : counts) {
                for (int c = 0; c < k; c++) {
                    row[c] = r.nextInt(30);
                }
            }
            counts[0][0] += 1; // never all zero
            double a = CodeAccuracy.fromCounts(counts).accuracy();
            assertThat(a).as("trial %d", trial).isCloseTo(bruteForce(counts), offset(1e-12));
            // The best matching is at least the average matching, which takes 1/K of every row.
            assertThat(a).isGreaterThanOrEqualTo(1.0 / k - 1e-12);
        }
    }
}
