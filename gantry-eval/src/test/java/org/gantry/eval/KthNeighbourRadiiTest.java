package org.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KthNeighbourRadiiTest {

    @ParameterizedTest(name = "n={0} d={1} k={2} block={3}")
    @CsvSource({
        "37, 5, 1, 1", "37, 5, 3, 4", "37, 5, 3, 7", "37, 5, 5, 16", "53, 9, 3, 37", "53, 9, 2, 64",
        "64, 3, 5, 1000", "64, 3, 1, 8", "9, 130, 3, 4"})
    void radiiAndMembershipMatchBruteForce(int n, int d, int k, int blockSize) {
        FeatureMatrix centres = TestFeatures.gaussian(n, d, 2, 1, n * 31L + d);
        // Random queries plus copies of some centres, which sit exactly on other balls' edges.
        FeatureMatrix queries = TestFeatures.stack(TestFeatures.gaussian(29, d, 2, 1.2, n * 7L + k), centres.rows(0, 8));
        KthNeighbourRadii balls = KthNeighbourRadii.of(centres, k, blockSize);

        double[] expectedRadii = TestFeatures.kthRadii(centres, k);
        for (int i = 0; i < n; i++) {
            assertThat(balls.radius(i)).isCloseTo(expectedRadii[i], offset(1e-9 * expectedRadii[i]));
        }

        BallMembership m = balls.membership(queries);
        boolean[][] inside = TestFeatures.inside(queries, centres, expectedRadii);
        assertThat(m.queryCount()).isEqualTo(queries.rows());
        assertThat(m.ballCount()).isEqualTo(n);
        for (int q = 0; q < queries.rows(); q++) {
            int count = 0;
            for (int c = 0; c < n; c++) {
                count += inside[q][c] ? 1 : 0;
            }
            assertThat(m.ballsContaining(q)).as("balls holding query %d", q).isEqualTo(count);
        }
        for (int c = 0; c < n; c++) {
            int count = 0;
            for (int q = 0; q < queries.rows(); q++) {
                count += inside[q][c] ? 1 : 0;
            }
            assertThat(m.queriesInside(c)).as("queries inside ball %d", c).isEqualTo(count);
        }
    }

    @Test
    void aCopyOfACentreIsInsideItsOwnBall() {
        // Far from the origin, where the expansion ‖q‖² + ‖r‖² − 2 qᵀr loses the most to rounding.
        FeatureMatrix centres = TestFeatures.gaussian(20, 6, 100, 1, 3);
        BallMembership m = KthNeighbourRadii.of(centres, 3).membership(centres);
        for (int i = 0; i < 20; i++) {
            // Its own ball and the balls of the centres it is one of the 3 nearest neighbours of.
            assertThat(m.ballsContaining(i)).isGreaterThanOrEqualTo(1);
        }
        assertThat(m.totalMemberships()).isGreaterThanOrEqualTo(20 + 20 * 3);
    }

    @Test
    void duplicatesAreNeighboursAtDistanceZero() {
        // Rows 1 and 3 are equal: each is the other's nearest neighbour, so their 1-NN radius is 0.
        // A query equal to them is inside both of those balls (distance 0 ≤ radius 0) and lies exactly
        // on the edge of the other three (whose nearest neighbour is (1, 1)), so inside all five.
        float[] v = {0, 0, 1, 1, 5, 0, 1, 1, 0, 4};
        FeatureMatrix centres = new FeatureMatrix(5, 2, v);
        KthNeighbourRadii balls = KthNeighbourRadii.of(centres, 1);
        assertThat(balls.radius(1)).isZero();
        assertThat(balls.radius(3)).isZero();
        BallMembership m = balls.membership(new FeatureMatrix(1, 2, new float[] {1, 1}));
        assertThat(m.queriesInside(1)).isEqualTo(1);
        assertThat(m.queriesInside(3)).isEqualTo(1);
        assertThat(m.ballsContaining(0)).isEqualTo(5);
    }

    @Test
    void aNanRowIsNoOnesNeighbourAndInsideNoBall() {
        float[] v = {0, 0, 1, 0, Float.NaN, 0, 0, 2, 3, 3};
        KthNeighbourRadii balls = KthNeighbourRadii.of(new FeatureMatrix(5, 2, v), 1);
        assertThat(balls.radii()).containsExactly(1, 1, Double.POSITIVE_INFINITY, 2, Math.sqrt(10));
        BallMembership m = balls.membership(new FeatureMatrix(2, 2, new float[] {Float.NaN, 1, 0.5f, 0}));
        assertThat(m.ballsContaining(0)).isZero();
        // The NaN centre's infinite radius holds nothing: its distances are NaN.
        assertThat(m.queriesInside(2)).isZero();
        // (0.5, 0) is within 1 of (0, 0) and (1, 0), but 2.06 from (0, 2) and 3.9 from (3, 3).
        assertThat(m.ballsContaining(1)).isEqualTo(2);
    }

    @Test
    void kMustLeaveANeighbour() {
        FeatureMatrix three = TestFeatures.gaussian(3, 2, 0, 1, 1);
        assertThat(KthNeighbourRadii.of(three, 2).count()).isEqualTo(3);
        assertThatThrownBy(() -> KthNeighbourRadii.of(three, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KthNeighbourRadii.of(three, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
