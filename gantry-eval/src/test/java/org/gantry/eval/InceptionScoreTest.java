package org.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

class InceptionScoreTest {

    static FeatureMatrix oneHot(int[] labels, int classes) {
        float[] p = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            p[i * classes + labels[i]] = 1;
        }
        return new FeatureMatrix(labels.length, classes, p);
    }

    @Test
    void confidentPredictionsSpreadOverAllClassesScoreTheClassCount() {
        // Each split of 10 rows holds every class once: p(y) uniform, KL = log 10 for every row.
        int[] labels = new int[100];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (i * 3) % 10;
        }
        MeanStd s = InceptionScore.of(oneHot(labels, 10));
        assertThat(s.mean()).isCloseTo(10.0, offset(1e-12));
        assertThat(s.std()).isCloseTo(0.0, offset(1e-12));
        assertThat(s.count()).isEqualTo(10);
    }

    @Test
    void identicalPredictionsScoreOne() {
        float[] row = {0.1f, 0.6f, 0.3f};
        float[] p = new float[30 * 3];
        for (int i = 0; i < 30; i++) {
            System.arraycopy(row, 0, p, 3 * i, 3);
        }
        MeanStd s = InceptionScore.of(new FeatureMatrix(30, 3, p), 3);
        assertThat(s.mean()).isCloseTo(1.0, offset(1e-12));
        assertThat(s.std()).isCloseTo(0.0, offset(1e-12));
    }

    @Test
    void smallExampleMatchesAHandComputation() {
        // Split 1 (rows 0-1): p(y) = (3/4, 1/4); KL of [1, 0] is log(4/3), KL of [1/2, 1/2] is
        // ½ log(2/3) + ½ log 2 = ½ log(4/3); mean ¾ log(4/3), score (4/3)^¾.
        // Split 2 (rows 2-3): two equal rows, KL 0, score 1.
        float[] p = {1, 0, 0.5f, 0.5f, 0.2f, 0.8f, 0.2f, 0.8f};
        MeanStd s = InceptionScore.of(new FeatureMatrix(4, 2, p), 2);
        double first = Math.pow(4.0 / 3, 0.75);
        assertThat(s.mean()).isCloseTo((first + 1) / 2, offset(1e-12));
        assertThat(s.std()).isCloseTo((first - 1) / Math.sqrt(2), offset(1e-12));
    }

    @Test
    void unequalSplitsFollowTheReferenceBoundaries() {
        // 5 rows in 2 splits: rows [0, 2) and [2, 5), as the reference's i * n // splits.
        // Split 1 holds classes 0 and 1 (score 2), split 2 classes 0, 1, 2 (score 3).
        MeanStd s = InceptionScore.of(oneHot(new int[] {0, 1, 0, 1, 2}, 3), 2);
        assertThat(s.mean()).isCloseTo(2.5, offset(1e-12));
        assertThat(s.std()).isCloseTo(1 / Math.sqrt(2), offset(1e-12));
    }

    @Test
    void randomPredictionsLieBetweenOneAndTheClassCount() {
        Rng rng = new Rng(5);
        int n = 200, k = 7;
        float[] p = new float[n * k];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double[] e = new double[k];
            for (int c = 0; c < k; c++) {
                e[c] = Math.exp(3 * rng.gaussian());
                sum += e[c];
            }
            for (int c = 0; c < k; c++) {
                p[i * k + c] = (float) (e[c] / sum);
            }
        }
        MeanStd s = InceptionScore.of(new FeatureMatrix(n, k, p));
        assertThat(s.mean()).isBetween(1.0, 7.0);
        assertThat(s.mean() - s.std()).isGreaterThan(1.0);
    }

    @Test
    void logitsAndBadSplitsAreErrors() {
        FeatureMatrix logits = new FeatureMatrix(2, 2, new float[] {2, 1, 0.5f, 3});
        assertThatThrownBy(() -> InceptionScore.of(logits, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("logits");
        FeatureMatrix negative = new FeatureMatrix(1, 2, new float[] {1.5f, -0.5f});
        assertThatThrownBy(() -> InceptionScore.of(negative, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InceptionScore.of(oneHot(new int[] {0, 1}, 2), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
