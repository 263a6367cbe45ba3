package org.gantry.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Map;
import org.gantry.core.TestConfigs;
import org.junit.jupiter.api.Test;

/** Each optimizer against a scalar re-implementation of PyTorch's update rule. */
class OptimizersTest {
    static final double[] GRADS = {0.5, -1.5, 2.0, 0.1, -0.7, 3.0};

    double[] run(StatefulOptimizer opt, double w0) {
        TestConfigs.tiny();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {(float) w0});
            double[] out = new double[GRADS.length];
            for (int t = 0; t < GRADS.length; t++) {
                try (NDArray g = m.create(new float[] {(float) GRADS[t]})) {
                    opt.update("p", w, g);
                }
                out[t] = w.getFloat(0);
            }
            return out;
        }
    }

    @Test
    void adamMatchesPytorch() {
        adamMatchesPytorch(AdamOptimizer::new);
    }

    @Test
    void fusedAdamMatchesPytorch() {
        adamMatchesPytorch(FusedAdamOptimizer::new);
    }

    interface AdamFactory {
        StatefulOptimizer create(double lr, double beta1, double beta2, double eps);
    }

    private void adamMatchesPytorch(AdamFactory adam) {
        double lr = 0.1;
        double b1 = 0.8;
        double b2 = 0.999;
        double eps = 1e-3; // large enough that its placement matters
        double w = 1;
        double mean = 0;
        double var = 0;
        double[] got = run(adam.create(lr, b1, b2, eps), 1);
        for (int t = 1; t <= GRADS.length; t++) {
            double g = GRADS[t - 1];
            mean = b1 * mean + (1 - b1) * g;
            var = b2 * var + (1 - b2) * g * g;
            double mHat = mean / (1 - Math.pow(b1, t));
            double vHat = var / (1 - Math.pow(b2, t));
            w -= lr * mHat / (Math.sqrt(vHat) + eps);
            assertThat(got[t - 1]).as("step %d", t).isCloseTo(w, offset(1e-5));
        }
    }

    @Test
    void rmsPropMatchesPytorch() {
        double lr = 0.01;
        double rho = 0.9;
        double eps = 1e-8;
        double mu = 0.5;
        double w = 1;
        double v = 0;
        double buf = 0;
        double[] got = run(new RmsPropOptimizer(lr, rho, eps, mu), 1);
        for (int t = 0; t < GRADS.length; t++) {
            double g = GRADS[t];
            v = rho * v + (1 - rho) * g * g;
            buf = mu * buf + g / (Math.sqrt(v) + eps);
            w -= lr * buf;
            assertThat(got[t]).as("step %d", t).isCloseTo(w, offset(1e-5));
        }
    }

    @Test
    void sgdWithMomentumMatchesPytorch() {
        double w = 1;
        double buf = 0;
        double[] got = run(new SgdOptimizer(0.1, 0.9), 1);
        for (int t = 0; t < GRADS.length; t++) {
            buf = 0.9 * buf + GRADS[t];
            w -= 0.1 * buf;
            assertThat(got[t]).isCloseTo(w, offset(1e-5));
        }
        assertThat(run(new SgdOptimizer(0.1, 0), 1)[0]).isCloseTo(1 - 0.05, offset(1e-6));
    }

    /** The two Adams keep the same state: a run checkpointed with one resumes with the other. */
    @Test
    void adamStateResumesWithFusedAdam() throws Exception {
        TestConfigs.tiny();
        float[] w0 = {1f, 2f, -0.5f};
        float[] g1 = {0.3f, -0.2f, 1e-3f};
        float[] g2 = {-0.6f, 0.1f, 2e-3f};
        try (NDManager m = NDManager.newBaseManager()) {
            AdamOptimizer a = new AdamOptimizer(0.1, 0.8, 0.999, 1e-8);
            NDArray wa = m.create(w0);
            NDArray first = m.create(g1);
            a.update("id-a", wa, first);
            a.update("id-a", wa, first);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            a.save(new DataOutputStream(bytes), Map.of("id-a", "layer_weight"));
            FusedAdamOptimizer b = new FusedAdamOptimizer(0.1, 0.8, 0.999, 1e-8);
            b.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), Map.of("layer_weight", "id-b"), m);
            NDArray wb = wa.duplicate();
            NDArray second = m.create(g2);
            a.update("id-a", wa, second);
            b.update("id-b", wb, second);
            float[] adam = wa.toFloatArray();
            float[] fused = wb.toFloatArray();
            for (int i = 0; i < w0.length; i++) {
                // Adam in double precision over the three steps: a fused Adam that restarted at step 1
                // would move the third step by lr·sign(g2), 3e-4 to 0.14 away from this
                double w = w0[i];
                double mean = 0;
                double var = 0;
                for (int t = 1; t <= 3; t++) {
                    double g = t < 3 ? g1[i] : g2[i];
                    mean = 0.8 * mean + 0.2 * g;
                    var = 0.999 * var + 0.001 * g * g;
                    w -= 0.1 * (mean / (1 - Math.pow(0.8, t))) / (Math.sqrt(var / (1 - Math.pow(0.999, t))) + 1e-8);
                }
                assertThat((double) adam[i]).as("adam, weight %d", i).isCloseTo(w, offset(1e-6));
                assertThat((double) fused[i]).as("fused-adam resumed, weight %d", i).isCloseTo(w, offset(1e-6));
            }
        }
    }
}
