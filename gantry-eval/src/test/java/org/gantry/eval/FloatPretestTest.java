package org.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float pretest passes every pair whose double test (x + y) − 2p ≤ T passes, with T on either
 * side, at every scale it applies to; and it is not vacuous: pairs beyond T by a few times its
 * margin fail it. (Which side array a call site passes is checked only through the searches'
 * answers: a more permissive one there would cost speed, not correctness.)
 */
class FloatPretestTest {
    private static final int DRAWS = 200_000;

    @Test
    void passesEveryPairTheDoubleTestPassesAndFailsPairsClearlyBeyond() {
        Random random = new Random(3);
        int passedDouble = 0;
        int failedFar = 0;
        int far = 0;
        for (int draw = 0; draw < DRAWS; draw++) {
            // from below float's normal range to the largest norms pretested (1e30)
            double scale = Math.pow(10, -40 + 70 * random.nextDouble());
            double rowNorm = Math.min(1e30, scale * (0.01 + random.nextDouble()));
            double columnNorm = Math.min(1e30, scale * (0.01 + random.nextDouble()));
            // low ends: the norms less a little slack, as ScreenedNeighbours' ends are
            double x = rowNorm * (1 - 1e-5 * random.nextDouble());
            double y = columnNorm * (1 - 1e-5 * random.nextDouble());
            // T = 0 exactly (a duplicate's radius) in one draw of ten
            double t = random.nextInt(10) == 0 ? 0 : 2 * (rowNorm + columnNorm) * random.nextDouble();
            boolean rowCarries = random.nextBoolean();
            float rowSide = FloatPretest.side(x, rowNorm, rowCarries ? t : 0);
            float[] columnSide = {FloatPretest.side(y, columnNorm, rowCarries ? 0 : t)};
            // the smallest float product the double test passes: the pair nearest to failing it
            float p = (float) ((x + y - t) / 2);
            while ((x + y) - 2.0 * p > t) {
                p = Math.nextUp(p);
            }
            while ((x + y) - 2.0 * Math.nextDown(p) <= t) {
                p = Math.nextDown(p);
            }
            assertThat(FloatPretest.any(new float[] {p}, 0, columnSide, 0, 1, rowSide))
                    .as("draw %d: l %s, T %s", draw, (x + y) - 2.0 * p, t).isTrue();
            // and a pair a few float ulps to either side
            float q = p + (random.nextInt(9) - 4) * Math.ulp(p);
            if ((x + y) - 2.0 * q <= t) {
                passedDouble++;
                assertThat(FloatPretest.any(new float[] {q}, 0, columnSide, 0, 1, rowSide)).isTrue();
            }
            // beyond T by 2^-16 of the magnitudes, 16 times the pretest's margin, and by more than its floor
            float beyond = (float) ((x + y - t) / 2 - 0x1p-17 * (x + rowNorm + y + columnNorm + t) - 0x1p-122);
            far++;
            if (!FloatPretest.any(new float[] {beyond}, 0, columnSide, 0, 1, rowSide)) {
                failedFar++;
            }
        }
        assertThat(passedDouble).isBetween(DRAWS / 3, 2 * DRAWS / 3);
        assertThat(failedFar).isEqualTo(far);
    }

    @Test
    void zeroNormsAndNegativeLowEnds() {
        // A zero row's low end is just below 0 (the underflow share of the slack); T = 0 and a
        // product of 0 put the pair exactly at the double test's edge.
        double low = -0x1p-140;
        for (double t : new double[] {0, 1e-45, 1}) {
            float rowSide = FloatPretest.side(low, 0, t);
            float[] column = {FloatPretest.side(low, 0, 0)};
            assertThat((low + low) - 2.0 * 0f <= t).isTrue();
            assertThat(FloatPretest.any(new float[] {0f}, 0, column, 0, 1, rowSide)).as("T %s", t).isTrue();
        }
    }

    @Test
    void anInfiniteThresholdPassesEverything() {
        float rowSide = FloatPretest.side(5, 5, Double.POSITIVE_INFINITY);
        assertThat(rowSide).isEqualTo(Float.NEGATIVE_INFINITY);
        float[] column = {FloatPretest.side(7, 7, 0)};
        assertThat(FloatPretest.any(new float[] {-1e30f}, 0, column, 0, 1, rowSide)).isTrue();
        float[] infiniteColumn = {FloatPretest.side(7, 7, Double.POSITIVE_INFINITY)};
        assertThat(FloatPretest.any(new float[] {-1e30f}, 0, infiniteColumn, 0, 1, FloatPretest.side(5, 5, 0))).isTrue();
    }

    @Test
    void appliesOnlyToNormsFarInsideFloatsRange() {
        assertThat(FloatPretest.applies(new double[] {0, 1, 1e30})).isTrue();
        assertThat(FloatPretest.applies(new double[] {1, 1.1e30})).isFalse();
        assertThat(FloatPretest.applies(new double[] {1, Double.NaN})).isFalse();
        assertThat(FloatPretest.applies(new double[] {Double.POSITIVE_INFINITY})).isFalse();
    }

    @Test
    void withoutColumnSidesEveryStretchIsScanned() {
        assertThat(FloatPretest.any(new float[] {-1e30f}, 0, null, 0, 1, Float.POSITIVE_INFINITY)).isTrue();
    }
}
