package org.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The screened search gives the all-double search's answers bit for bit, for any products that
 * keep the {@link FloatProducts} contract: with ties everywhere (small-integer features, where
 * many distances equal a radius exactly), with products pushed to the edge of the bound, and at
 * extreme scales.
 */
class ScreenedNeighboursTest {

    @ParameterizedTest(name = "n={0} d={1} k={2} levels={3} block={4}")
    @CsvSource({"300, 5, 3, 3, 0", "300, 5, 5, 3, 7", "200, 2, 1, 4, 64", "257, 9, 3, 2, 1", "150, 130, 4, 3, 0",
        "60, 2048, 3, 2, 0",
        // More later rows than one column task holds (1,024), in blocks of 200 rows; k = n − 1 for
        // the 40 queries' own balls.
        "1300, 4, 3, 6, 200", "60, 3, 39, 2, 7"})
    void tiesAreDecidedAsTheExactSearchDecidesThem(int n, int d, int k, int levels, int block) {
        // Features in {0, .., levels−1}: duplicates, and distances that tie with radii exactly.
        FeatureMatrix centres = integerFeatures(n, d, levels, n * 13L + d);
        FeatureMatrix queries = TestFeatures.stack(integerFeatures(n / 2, d, levels, n * 3L + k), centres.rows(0, 10));
        for (FloatProducts products : new FloatProducts[] {new JavaFloatProducts(), new EdgeOfBoundProducts(1)}) {
            assertSameAsExact(centres, queries, k, block, products);
        }
    }

    @ParameterizedTest(name = "scale {0}")
    // From products that underflow (1e-25 squared is below float's smallest subnormal) to near float's range.
    @CsvSource({"1e-25", "1e-22", "1e-18", "1e-3", "1", "1e12", "1e17"})
    void productsAtTheEdgeOfTheBoundChangeNothingAtAnyScale(double scale) {
        FeatureMatrix centres = TestFeatures.gaussian(220, 16, 0, scale, 11);
        // Queries near the centres' balls' edges: centres moved by a little.
        FeatureMatrix queries = TestFeatures.stack(TestFeatures.gaussian(90, 16, 0, 1.1 * scale, 12), centres.rows(0, 30));
        for (long seed = 1; seed <= 3; seed++) {
            assertSameAsExact(centres, queries, 3, 0, new EdgeOfBoundProducts(seed));
        }
    }

    @Test
    void rowsOfVeryDifferentSizesInOneSet() {
        // Half the rows a million times the other half: each pair's slack is its own, not the set's.
        FeatureMatrix small = TestFeatures.gaussian(120, 8, 0, 1e-3, 21);
        FeatureMatrix large = TestFeatures.gaussian(120, 8, 0, 1e3, 22);
        FeatureMatrix centres = TestFeatures.stack(small, large);
        FeatureMatrix queries = TestFeatures.stack(TestFeatures.gaussian(50, 8, 0, 2e-3, 23), TestFeatures.gaussian(50, 8, 0, 2e3, 24));
        for (long seed = 1; seed <= 2; seed++) {
            assertSameAsExact(centres, queries, 3, 0, new EdgeOfBoundProducts(seed));
        }
    }

    @Test
    void subnormalValuesAreSearchedInDouble() {
        FeatureMatrix centres = TestFeatures.gaussian(40, 3, 0, 1, 7);
        centres.values()[4] = Float.MIN_VALUE;
        assertSameAsExact(centres, TestFeatures.gaussian(25, 3, 0, 1, 8), 2, 0, new EdgeOfBoundProducts(1));
    }

    @Test
    void infiniteValuesAreSearchedInDouble() {
        FeatureMatrix centres = TestFeatures.gaussian(40, 3, 0, 1, 5);
        centres.values()[7] = Float.POSITIVE_INFINITY;
        KthNeighbourRadii balls = KthNeighbourRadii.of(centres, 2);
        // The row with an infinite value has only infinite or NaN distances: an infinite radius.
        assertThat(balls.radius(2)).isInfinite();
        assertSameAsExact(centres, TestFeatures.gaussian(25, 3, 0, 1, 6), 2, 0, new JavaFloatProducts());
    }

    private static void assertSameAsExact(FeatureMatrix centres, FeatureMatrix queries, int k, int block,
            FloatProducts products) {
        KthNeighbourRadii screened = KthNeighbourRadii.of(centres, k, block, products);
        KthNeighbourRadii exact = KthNeighbourRadii.of(centres, k, block, null);
        assertThat(screened.radii()).as("radii with %s", products.name()).containsExactly(exact.radii());
        for (FeatureMatrix q : new FeatureMatrix[] {queries, centres}) {
            BallMembership s = screened.membership(q);
            BallMembership e = exact.membership(q);
            assertSame(s, e);
        }
        // Both ways in one pass, against the queries' own balls.
        KthNeighbourRadii queryBalls = KthNeighbourRadii.of(queries, k, block, products);
        KthNeighbourRadii exactQueryBalls = KthNeighbourRadii.of(queries, k, block, null);
        assertThat(queryBalls.radii()).containsExactly(exactQueryBalls.radii());
        MutualMembership both = screened.mutual(queryBalls);
        assertSame(both.otherInThese(), exact.membership(queries));
        assertSame(both.theseInOther(), exactQueryBalls.membership(centres));
    }

    private static void assertSame(BallMembership s, BallMembership e) {
        assertThat(s.queryCount()).isEqualTo(e.queryCount());
        assertThat(s.ballCount()).isEqualTo(e.ballCount());
        for (int i = 0; i < e.queryCount(); i++) {
            assertThat(s.ballsContaining(i)).as("balls holding query %d", i).isEqualTo(e.ballsContaining(i));
        }
        for (int j = 0; j < e.ballCount(); j++) {
            assertThat(s.queriesInside(j)).as("queries inside ball %d", j).isEqualTo(e.queriesInside(j));
        }
    }

    private static FeatureMatrix integerFeatures(int n, int d, int levels, long seed) {
        Random random = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextInt(levels);
        }
        return new FeatureMatrix(n, d, v);
    }

    /**
     * Products as far from the exact ones as the contract allows, less the final rounding to float:
     * each moved by ±0.9 ((γ_n − u) Σ|a_k b_k| + 2n 2⁻¹²⁶ − 2⁻¹⁴⁹) with a random sign, so a screen
     * with too little slack would decide some pair wrongly.
     */
    private static final class EdgeOfBoundProducts implements FloatProducts {
        private final long seed;

        EdgeOfBoundProducts(long seed) {
            this.seed = seed;
        }

        @Override
        public Blocks against(FeatureMatrix b) {
            return new Blocks() {
                @Override
                public FloatBuffer multiply(FeatureMatrix a, int a0, int a1, int b0) {
                    return products(a, a0, a1, b, b0);
                }

                @Override
                public void close() {}
            };
        }

        private FloatBuffer products(FeatureMatrix a, int a0, int a1, FeatureMatrix b, int b0) {
            int d = a.columns();
            double u = 0x1p-24;
            double relative = 0.9 * (d * u / (1 - d * u) - u);
            double underflow = 0.9 * (2 * d * 0x1p-126 - 0x1p-149);
            Random random = new Random(seed * 1_000_003L + a0 * 31L + b0);
            int width = b.rows() - b0;
            float[] out = new float[(a1 - a0) * width];
            IntStream.range(a0, a1).forEach(i -> {
                for (int j = 0; j < width; j++) {
                    double[] sums = FloatProductsContract.sums(a, i, b, b0 + j);
                    double error = relative * sums[1] + underflow;
                    out[(i - a0) * width + j] = (float) (sums[0] + (random.nextBoolean() ? error : -error));
                }
            });
            return FloatBuffer.wrap(out);
        }

        @Override
        public String name() {
            return "edge of bound";
        }
    }
}
