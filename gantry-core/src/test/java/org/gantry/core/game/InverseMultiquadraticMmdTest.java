package org.gantry.core.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gantry.core.engine.TorchEngine;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;

class InverseMultiquadraticMmdTest {

    /** The estimate by its definition, in double precision, one pair at a time. */
    static double bruteForce(double[][] a, double[][] b, double base, boolean unbiased) {
        double within = 0;
        double withinB = 0;
        double across = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                if (i != j || !unbiased) {
                    within += kernel(a[i], a[j], base);
                }
            }
        }
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < b.length; j++) {
                if (i != j || !unbiased) {
                    withinB += kernel(b[i], b[j], base);
                }
            }
        }
        for (double[] x : a) {
            for (double[] y : b) {
                across += kernel(x, y, base);
            }
        }
        int n = a.length;
        int m = b.length;
        return unbiased ? within / (n * (n - 1.0)) + withinB / (m * (m - 1.0)) - 2 * across / ((double) n * m)
                : within / ((double) n * n) + withinB / ((double) m * m) - 2 * across / ((double) n * m);
    }

    private static double kernel(double[] x, double[] y, double base) {
        double d = 0;
        for (int k = 0; k < x.length; k++) {
            d += (x[k] - y[k]) * (x[k] - y[k]);
        }
        double sum = 0;
        for (double s : InverseMultiquadraticMmd.SCALES) {
            sum += base * s / (base * s + d);
        }
        return sum;
    }

    private static double[][] gaussian(Rng rng, int n, int d, double shift) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = rng.gaussian() + (k == 0 ? shift : 0);
            }
        }
        return x;
    }

    private static NDArray array(NDManager m, double[][] x) {
        float[] flat = new float[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < x[0].length; k++) {
                flat[i * x[0].length + k] = (float) x[i][k];
            }
        }
        return m.create(flat, new Shape(x.length, x[0].length));
    }

    @Test
    void matchesTheDefinitionPairByPair() {
        TorchEngine.start(1);
        Rng rng = new Rng(3);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int[] sizes : new int[][] {{7, 5}, {2, 2}, {30, 12}}) {
                double[][] a = gaussian(rng, sizes[0], 3, 0.0);
                double[][] b = gaussian(rng, sizes[1], 3, 1.5);
                // Inputs as float, as the array sees them, so the two differ by rounding in the sums only.
                double[][] af = roundToFloat(a);
                double[][] bf = roundToFloat(b);
                InverseMultiquadraticMmd mmd = InverseMultiquadraticMmd.forPrior(3, 1.0);
                double expected = bruteForce(af, bf, 6.0, true);
                double got = mmd.estimate(array(m, a), array(m, b)).getFloat();
                // Float distances from norms and inner products err by about 1e-5 each; the kernel's slope is at
                // most 1/C = 1/0.6 and seven scales add up, so 1.5e-4 bounds the rounding, not the method.
                assertThat(got).as("n=%d m=%d", sizes[0], sizes[1]).isCloseTo(expected, within(1.5e-4));
            }
        }
    }

    /** The estimate's gradient with respect to both samples against central differences of the definition. */
    @Test
    void gradientMatchesFiniteDifferencesOfTheDefinition() {
        TorchEngine.start(1);
        Rng rng = new Rng(8);
        double[][] a = roundToFloat(gaussian(rng, 5, 2, 0.0));
        double[][] b = roundToFloat(gaussian(rng, 4, 2, 1.0));
        double base = 4.0;
        float[][] gradients;
        try (NDManager m = NDManager.newBaseManager();
                ai.djl.training.GradientCollector collector = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            NDArray xa = array(m, a);
            NDArray xb = array(m, b);
            xa.setRequiresGradient(true);
            xb.setRequiresGradient(true);
            NDArray e = new InverseMultiquadraticMmd(base).estimate(xa, xb);
            var g = TorchEngine.gradients(e, java.util.List.of(xa, xb), false);
            gradients = new float[][] {g.get(0).toFloatArray(), g.get(1).toFloatArray()};
        }
        double h = 1e-4;
        double[][][] samples = {a, b};
        for (int side = 0; side < 2; side++) {
            double[][] x = samples[side];
            for (int i = 0; i < x.length; i++) {
                for (int k = 0; k < 2; k++) {
                    double keep = x[i][k];
                    x[i][k] = keep + h;
                    double up = bruteForce(a, b, base, true);
                    x[i][k] = keep - h;
                    double down = bruteForce(a, b, base, true);
                    x[i][k] = keep;
                    assertThat(gradients[side][i * 2 + k]).as("side %d point %d coordinate %d", side, i, k)
                            .isCloseTo((float) ((up - down) / (2 * h)), within(1e-4f));
                }
            }
        }
    }

    private static double[][] roundToFloat(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[x[i].length];
            for (int k = 0; k < x[i].length; k++) {
                out[i][k] = (float) x[i][k];
            }
        }
        return out;
    }

    /**
     * E k(u) over u ~ N((shift, 0), 2 I), the law of a − b for independent a ~ N(0, I) and
     * b ~ N((−shift, 0), I) in two dimensions, by the trapezoid rule on a grid to 9 standard deviations.
     */
    private static double expectedKernel(double shift, double base) {
        double h = 0.02;
        double sum = 0;
        for (double z1 = -9; z1 <= 9 + 1e-9; z1 += h) {
            for (double z2 = -9; z2 <= 9 + 1e-9; z2 += h) {
                double u1 = shift + Math.sqrt(2) * z1;
                double u2 = Math.sqrt(2) * z2;
                double d = u1 * u1 + u2 * u2;
                double k = 0;
                for (double s : InverseMultiquadraticMmd.SCALES) {
                    k += base * s / (base * s + d);
                }
                sum += k * Math.exp(-(z1 * z1 + z2 * z2) / 2);
            }
        }
        return sum * h * h / (2 * Math.PI);
    }

    /**
     * Unbiased: the mean of many estimates from samples of 4 against 4 agrees with the population
     * MMD² = 2 E k(a − a') − 2 E k(a − b), integrated numerically; the biased V-statistic, which
     * counts each point paired with itself, fails the same test. A z-test at level about 6e-5.
     */
    @Test
    void smallSampleEstimatesAverageToThePopulationValue() {
        double base = 2.0 * 2;
        double shift = 0.8;
        double population = 2 * expectedKernel(0, base) - 2 * expectedKernel(shift, base);
        Rng rng = new Rng(11);
        int replicates = 40_000;
        double sum = 0;
        double sumSq = 0;
        double biasedSum = 0;
        for (int r = 0; r < replicates; r++) {
            double[][] a = gaussian(rng, 4, 2, 0.0);
            double[][] b = gaussian(rng, 4, 2, shift);
            double e = bruteForce(a, b, base, true);
            sum += e;
            sumSq += e * e;
            biasedSum += bruteForce(a, b, base, false);
        }
        double mean = sum / replicates;
        double se = Math.sqrt((sumSq / replicates - mean * mean) / replicates);
        assertThat(Math.abs(mean - population)).as("mean %s vs population %s, se %s", mean, population, se)
                .isLessThan(4 * se);
        assertThat(Math.abs(biasedSum / replicates - population)).isGreaterThan(4 * se);
        assertThat(population).isGreaterThan(8 * se);
    }

    @Test
    void equalSamplesOfDistinctPointsGiveANegativeEstimateAndIdenticalLawsAverageToZero() {
        // One sample against itself: the across-term keeps the diagonal the within-terms leave out.
        Rng rng = new Rng(5);
        double[][] a = gaussian(rng, 6, 2, 0.0);
        assertThat(bruteForce(a, a, 4.0, true)).isNegative();
        double sum = 0;
        double sumSq = 0;
        int replicates = 20_000;
        for (int r = 0; r < replicates; r++) {
            double e = bruteForce(gaussian(rng, 5, 2, 0.0), gaussian(rng, 5, 2, 0.0), 4.0, true);
            sum += e;
            sumSq += e * e;
        }
        double mean = sum / replicates;
        double se = Math.sqrt((sumSq / replicates - mean * mean) / replicates);
        assertThat(Math.abs(mean)).isLessThan(4 * se);
    }
}
