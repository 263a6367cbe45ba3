package org.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;
import org.gantry.eval.BallMembership;
import org.gantry.eval.FeatureMatrix;
import org.gantry.eval.FloatProducts;
import org.gantry.eval.KthNeighbourRadii;
import org.gantry.eval.MutualMembership;
import org.junit.jupiter.api.Test;

/**
 * libtorch's products keep the contract the metrics' screened searches rest on, and with them the
 * searches give the all-double answers, checked against a brute force written here with the same
 * double arithmetic (norms and products summed in column order from 0), so equal to the last bit.
 */
class TorchFloatProductsTest {

    @Test
    void theMetricsUseLibtorchWhenTheEngineIsOnTheClassPath() {
        assertThat(FloatProducts.fastest()).isInstanceOf(TorchFloatProducts.class);
        assertThat(FloatProducts.fastest().name()).isEqualTo("libtorch matmul");
    }

    @Test
    void productsAreWithinTheContractsBound() {
        TorchFloatProducts products = new TorchFloatProducts();
        FeatureMatrix b = gaussian(300, 130, 0.5, 2);
        try (FloatProducts.Blocks blocks = products.against(b)) {
            // Blocks off the start, then a larger one (the staging buffer grows), then a single row.
            checkContract(blocks, gaussian(70, 130, 3, 1), 5, 70, b);
            checkContract(blocks, gaussian(400, 130, 1, 3), 0, 400, b);
            checkContract(blocks, gaussian(9, 130, 1, 5), 2, 3, b);
            // Against the prepared matrix's last rows only (a slice of the transposed matrix), then all again.
            checkContract(blocks, gaussian(70, 130, 3, 1), 5, 70, b, 123);
            checkContract(blocks, gaussian(9, 130, 1, 5), 0, 9, b, 299);
            checkContract(blocks, gaussian(9, 130, 1, 5), 0, 9, b, 0);
        }
    }

    @Test
    void radiiAndMembershipEqualTheDoubleBruteForceBitForBit() {
        Random random = new Random(9);
        float[] v = new float[1200 * 6];
        for (int i = 0; i < v.length; i++) {
            // Small integers: duplicates and exact ties with radii, the cases a careless screen gets wrong.
            v[i] = random.nextInt(3);
        }
        FeatureMatrix centres = new FeatureMatrix(1200, 6, v);
        FeatureMatrix queries = gaussian(500, 6, 1, 8);
        for (FeatureMatrix set : new FeatureMatrix[] {centres, gaussian(1500, 64, 1, 7)}) {
            int k = 3;
            KthNeighbourRadii balls = KthNeighbourRadii.of(set, k);
            double[][] d2 = squaredDistances(set, set);
            double[] expected = new double[set.rows()];
            for (int i = 0; i < set.rows(); i++) {
                double[] row = d2[i].clone();
                row[i] = Double.POSITIVE_INFINITY;
                Arrays.sort(row);
                expected[i] = row[k - 1];
                assertThat(balls.radius(i)).as("radius %d", i).isEqualTo(Math.sqrt(expected[i]));
            }
            FeatureMatrix q = set.columns() == 6 ? queries : gaussian(500, 64, 1.05, 10);
            BallMembership m = balls.membership(q);
            double[][] qd2 = squaredDistances(q, set);
            int[] inside = new int[set.rows()];
            for (int i = 0; i < q.rows(); i++) {
                int count = 0;
                for (int j = 0; j < set.rows(); j++) {
                    if (qd2[i][j] <= expected[j]) {
                        count++;
                        inside[j]++;
                    }
                }
                assertThat(m.ballsContaining(i)).as("balls holding query %d", i).isEqualTo(count);
            }
            for (int j = 0; j < set.rows(); j++) {
                assertThat(m.queriesInside(j)).as("queries inside ball %d", j).isEqualTo(inside[j]);
            }
            // Both ways in one pass: the same counts as the two one-way passes.
            KthNeighbourRadii queryBalls = KthNeighbourRadii.of(q, k);
            MutualMembership both = balls.mutual(queryBalls);
            BallMembership back = queryBalls.membership(set);
            for (int i = 0; i < q.rows(); i++) {
                assertThat(both.otherInThese().ballsContaining(i)).isEqualTo(m.ballsContaining(i));
                assertThat(both.theseInOther().queriesInside(i)).isEqualTo(back.queriesInside(i));
            }
            for (int j = 0; j < set.rows(); j++) {
                assertThat(both.otherInThese().queriesInside(j)).isEqualTo(inside[j]);
                assertThat(both.theseInOther().ballsContaining(j)).isEqualTo(back.ballsContaining(j));
            }
        }
    }

    private static void checkContract(FloatProducts.Blocks blocks, FeatureMatrix a, int a0, int a1, FeatureMatrix b) {
        checkContract(blocks, a, a0, a1, b, 0);
    }

    private static void checkContract(FloatProducts.Blocks blocks, FeatureMatrix a, int a0, int a1, FeatureMatrix b,
            int b0) {
        int d = a.columns();
        int width = b.rows() - b0;
        FloatBuffer out = blocks.multiply(a, a0, a1, b0);
        double gamma = d * 0x1p-24 / (1 - d * 0x1p-24);
        for (int i = a0; i < a1; i++) {
            for (int j = 0; j < width; j++) {
                double exact = 0;
                double absolute = 0;
                for (int k = 0; k < d; k++) {
                    double p = (double) a.get(i, k) * b.get(b0 + j, k);
                    exact += p;
                    absolute += Math.abs(p);
                }
                assertThat(Math.abs(out.get((i - a0) * width + j) - exact)).as("product (%d, %d)", i, b0 + j)
                        .isLessThanOrEqualTo(gamma * absolute + 2 * d * 0x1p-126);
            }
        }
    }

    /** ‖q‖² + ‖r‖² − 2 qᵀr, clamped at 0, each sum in double in column order from 0. */
    private static double[][] squaredDistances(FeatureMatrix q, FeatureMatrix r) {
        double[] qn = norms(q);
        double[] rn = norms(r);
        double[][] out = new double[q.rows()][r.rows()];
        for (int i = 0; i < q.rows(); i++) {
            for (int j = 0; j < r.rows(); j++) {
                double dot = 0;
                for (int k = 0; k < q.columns(); k++) {
                    dot += (double) q.get(i, k) * r.get(j, k);
                }
                double d2 = qn[i] + rn[j] - 2 * dot;
                out[i][j] = d2 < 0 ? 0 : d2;
            }
        }
        return out;
    }

    private static double[] norms(FeatureMatrix m) {
        double[] out = new double[m.rows()];
        for (int i = 0; i < m.rows(); i++) {
            for (int k = 0; k < m.columns(); k++) {
                out[i] += (double) m.get(i, k) * m.get(i, k);
            }
        }
        return out;
    }

    private static FeatureMatrix gaussian(int n, int d, double scale, long seed) {
        Random random = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (scale * random.nextGaussian());
        }
        return new FeatureMatrix(n, d, v);
    }
}
