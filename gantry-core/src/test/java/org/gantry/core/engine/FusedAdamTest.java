package org.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gantry.core.optim.AdamOptimizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fused kernel against Adam computed independently in double precision, step by step, with
 * parameters at different step counts (each has its own bias correction), and against Gantry's
 * AdamOptimizer (DJL's kernel), which it could replace.
 */
class FusedAdamTest {
    private static final double LR = 1e-2;
    private static final double BETA1 = 0.8;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;
    private static final int[] SIZES = {7, 300, 1};

    @BeforeAll
    static void engine() {
        TorchEngine.start(1);
    }

    @Test
    void updatesMatchADoublePrecisionAdamAtEachParametersOwnStep() {
        matchesTheReference(EPS, 1, 11);
    }

    @Test
    void epsilonSitsOutsideTheBiasCorrectedRoot() {
        // gradients of order 1e-6 against ε = 1e-6: √v̂ and ε are comparable, so moving ε inside the
        // bias correction (ε·√(1−β2^t), DJL's form) or dropping it changes every update by tens of %
        matchesTheReference(1e-6, 1e-6, 12);
    }

    /**
     * Five rounds over three parameters, the third joining two rounds late so that its step count
     * and bias correction trail the others', against Adam in double precision from the same floats.
     */
    private static void matchesTheReference(double eps, double gradScale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (NDManager m = NDManager.newBaseManager()) {
            int n = SIZES.length;
            double[][] w = new double[n][];
            double[][] mean = new double[n][];
            double[][] var = new double[n][];
            List<NDArray> weights = new ArrayList<>();
            List<NDArray> firsts = new ArrayList<>();
            List<NDArray> seconds = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                w[i] = toDouble(floats(gaussians(random, SIZES[i], 1)));
                mean[i] = new double[SIZES[i]];
                var[i] = new double[SIZES[i]];
                weights.add(m.create(floats(w[i])));
                firsts.add(m.zeros(new Shape(SIZES[i])));
                seconds.add(m.zeros(new Shape(SIZES[i])));
            }
            weights.get(0).setName("kept");
            int[] steps = {0, 0, -2};
            for (int round = 1; round <= 5; round++) {
                List<NDArray> grads = new ArrayList<>();
                List<Integer> active = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    // gradients the float arrays hold exactly, so both sides start from the same numbers
                    double[] g = toDouble(floats(gaussians(random, SIZES[i], gradScale)));
                    if (++steps[i] >= 1) {
                        active.add(i);
                        grads.add(m.create(floats(g)));
                        adam(w[i], mean[i], var[i], g, steps[i], eps);
                    }
                }
                FusedAdam.update(pick(weights, active), grads, pick(firsts, active), pick(seconds, active),
                        active.stream().mapToInt(i -> steps[i]).toArray(), LR, BETA1, BETA2, eps);
            }
            for (int i = 0; i < n; i++) {
                float[] got = weights.get(i).toFloatArray();
                float[] gotMean = firsts.get(i).toFloatArray();
                float[] gotVar = seconds.get(i).toFloatArray();
                for (int k = 0; k < SIZES[i]; k++) {
                    // float rounding of five updates of size ≤ lr on weights below 4: at most 5 × ½ ulp(4)
                    assertThat((double) got[k]).isCloseTo(w[i][k], within(2e-6));
                    // the moments: ten float roundings (½ ulp each) of values below 4·gradScale, and of
                    // sums of positive terms for the second
                    assertThat((double) gotMean[k]).isCloseTo(mean[i][k], within(3e-6 * gradScale));
                    assertThat((double) gotVar[k]).isCloseTo(var[i][k], within(1e-5 * var[i][k] + 1e-30));
                }
            }
            assertThat(weights.get(0).getName()).isEqualTo("kept");
        }
    }

    @Test
    void agreesWithTheOptimizerItCouldReplace() {
        SplittableRandom random = new SplittableRandom(5);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] start = floats(gaussians(random, 500, 1));
            NDArray fused = m.create(start);
            NDArray djl = m.create(start);
            NDArray first = m.zeros(new Shape(500));
            NDArray second = m.zeros(new Shape(500));
            AdamOptimizer optimizer = new AdamOptimizer(LR, BETA1, BETA2, EPS);
            for (int t = 1; t <= 4; t++) {
                NDArray g = m.create(floats(gaussians(random, 500, 1)));
                FusedAdam.update(List.of(fused), List.of(g), List.of(first), List.of(second), new int[] {t}, LR, BETA1,
                        BETA2, EPS);
                optimizer.update("w", djl, g);
            }
            float[] a = fused.toFloatArray();
            float[] b = djl.toFloatArray();
            double moved = 0;
            for (int k = 0; k < a.length; k++) {
                assertThat((double) a[k]).isCloseTo(b[k], within(2e-6));
                moved = Math.max(moved, Math.abs(a[k] - start[k]));
            }
            // four steps of about lr each: the comparison is not between unchanged weights
            assertThat(moved).isBetween(0.5 * LR, 4.5 * LR);
        }
    }

    @Test
    void mismatchedListsStepsShapesAndRepeatedArraysAreRefusedWithNamesKept() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.zeros(new Shape(2));
            NDArray g = m.zeros(new Shape(2));
            NDArray first = m.zeros(new Shape(2));
            NDArray second = m.zeros(new Shape(2));
            w.setName("weight");
            assertThatThrownBy(() -> FusedAdam.update(List.of(w), List.of(g), List.of(first), List.of(), new int[] {1},
                    LR, BETA1, BETA2, EPS)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 weights, 1 gradients, 1 and 0 moments, 1 step counts");
            assertThatThrownBy(() -> FusedAdam.update(List.of(w), List.of(g), List.of(first), List.of(second),
                    new int[] {0}, LR, BETA1, BETA2, EPS)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("step count 0 of parameter 0");
            assertThatThrownBy(() -> FusedAdam.update(List.of(w), List.of(m.zeros(new Shape(3))), List.of(first),
                    List.of(second), new int[] {1}, LR, BETA1, BETA2, EPS)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the gradient of parameter 0 is float32 (3)");
            assertThatThrownBy(() -> FusedAdam.update(List.of(w), List.of(g), List.of(first), List.of(first),
                    new int[] {1}, LR, BETA1, BETA2, EPS)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the second moment of parameter 0 is an array passed before");
            assertThat(w.getName()).isEqualTo("weight");
            // nothing was updated by a refused call
            assertThat(w.toFloatArray()).containsExactly(0f, 0f);
        }
    }

    @Test
    void aStridedViewIsRefusedBeforeTheKernelReadsIt() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.zeros(new Shape(2, 2));
            // a transposed view: dense memory in another order, which the kernel would read as the weight's
            NDArray g = m.create(new float[] {1f, 2f, 3f, 4f}, new Shape(2, 2)).transpose();
            assertThatThrownBy(() -> FusedAdam.update(List.of(w), List.of(g), List.of(m.zeros(new Shape(2, 2))),
                    List.of(m.zeros(new Shape(2, 2))), new int[] {1}, LR, BETA1, BETA2, EPS))
                    .hasMessageContaining("must be contiguous");
            assertThat(w.toFloatArray()).containsExactly(0f, 0f, 0f, 0f);
        }
    }

    /** PyTorch's Adam in double precision. */
    private static void adam(double[] w, double[] m, double[] v, double[] g, int t, double eps) {
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        for (int k = 0; k < w.length; k++) {
            m[k] = BETA1 * m[k] + (1 - BETA1) * g[k];
            v[k] = BETA2 * v[k] + (1 - BETA2) * g[k] * g[k];
            w[k] -= LR / c1 * m[k] / (Math.sqrt(v[k]) / Math.sqrt(c2) + eps);
        }
    }

    private static List<NDArray> pick(List<NDArray> all, List<Integer> indices) {
        List<NDArray> out = new ArrayList<>();
        for (int i : indices) {
            out.add(all.get(i));
        }
        return out;
    }

    private static double[] gaussians(SplittableRandom random, int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller from two uniforms: the test needs no library's normal generator
            x[i] = scale * Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                    * Math.cos(2 * Math.PI * random.nextDouble());
        }
        return x;
    }

    private static float[] floats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    private static double[] toDouble(float[] f) {
        double[] x = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            x[i] = f[i];
        }
        return x;
    }
}
