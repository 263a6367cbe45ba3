package org.gantry.core.game;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.core.engine.StagingBuffer;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.model.Network;

/**
 * One round of the dualing GAN's critic for a non-linear discriminator (Li et al. 2017, section
 * 4): linearise d's logit around its parameters on the round's real and generated examples, solve
 * the dual of the trust-region subproblem ({@link LinearisedLogisticDual}) for the step, and take
 * it. The linear model is trusted only so far: when the true logistic loss on the batch does not
 * fall, the step is halved until it does (at most {@value #HALVINGS} times; otherwise d stays
 * where it was). No state outlives the round, so a resumed run repeats exactly.
 *
 * <p>d_loss is the logistic loss after the step, without the trust region's term (which belongs to
 * the step, not to the critic), unlike the linear case, whose regulariser is part of its problem.
 *
 * <p>Cost: one forward and one backward pass per example for the gradients g_k, an n × P matrix of
 * them (n examples, P parameters) and an n × n Gram matrix, where a gradient step costs one pass of
 * the batch: affordable for the small critics of 2D toys, not for image discriminators.
 */
final class TrustRegionCritic {
    private static final int HALVINGS = 20;

    private TrustRegionCritic() {}

    static Map<String, Double> step(Network d, NDArray real, NDArray fake, double lambda) {
        int realCount = Math.toIntExact(real.getShape().get(0));
        int n = realCount + Math.toIntExact(fake.getShape().get(0));
        double[] labels = new double[n];
        for (int k = 0; k < n; k++) {
            labels[k] = k < realCount ? 1 : -1;
        }
        NDManager m = real.getManager().newSubManager();
        try (m) {
            NDArray batch = real.concat(fake, 0);
            List<NDArray> parameters = d.trainableArrays();
            double[] logits = new double[n];
            float[][] gradients = exampleGradients(d, batch, parameters, logits);
            double[][] gram = gram(gradients);
            LinearisedLogisticDual.Solution s = LinearisedLogisticDual.solve(gram, logits, labels, lambda);
            float[] delta = combine(gradients, s.coefficients());
            // The loss before and after a step from the same batched forward, so that the two differ by
            // the step and not by the kernels of single-example and batched passes.
            double[] batched = logits(d, batch);
            double before = loss(batched, labels, 0, n);
            List<float[]> start = new ArrayList<>();
            for (NDArray p : parameters) {
                start.add(p.toFloatArray());
            }
            double scale = 1;
            double[] after = null;
            for (int h = 0; h <= HALVINGS && finite(delta); h++, scale /= 2) {
                move(m, parameters, start, delta, scale);
                double[] moved = logits(d, batch);
                if (loss(moved, labels, 0, n) < before) {
                    after = moved;
                    break;
                }
            }
            if (after == null) {
                // Written back as they were: start + 0·Δ would be NaN wherever Δ is not finite.
                move(m, parameters, start, null, 0);
                after = batched;
                scale = 0;
            }
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("d_loss", loss(after, labels, 0, n));
            values.put("d_loss_real", loss(after, labels, 0, realCount) * realCount / n);
            values.put("d_loss_fake", loss(after, labels, realCount, n) * (n - realCount) / n);
            values.put("duality_gap", s.primal() - s.dual());
            values.put("d_step_scale", scale);
            return values;
        }
    }

    /**
     * g_k = ∇_θ d(x_k) for every example, flattened in parameter order, and d(x_k) into {@code logits}.
     * Each example runs alone (d judges examples alone), in inference mode like the loss checks.
     */
    private static float[][] exampleGradients(Network d, NDArray batch, List<NDArray> parameters, double[] logits) {
        int n = logits.length;
        float[] values = batch.toFloatArray();
        int length = values.length / n;
        long[] shape = batch.getShape().getShape();
        shape[0] = 1;
        StagingBuffer one = new StagingBuffer(new Shape(shape));
        float[] example = new float[length];
        float[][] out = new float[n][];
        for (int k = 0; k < n; k++) {
            System.arraycopy(values, k * length, example, 0, length);
            // Everything of example k is freed before the buffer is filled with example k + 1.
            try (NDManager m = batch.getManager().newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logit = d.forward(one.wrap(m, example), false);
                logits[k] = logit.getFloat();
                NDList g = TorchEngine.gradients(logit, parameters, false);
                out[k] = flatten(g);
            }
        }
        return out;
    }

    private static float[] flatten(NDList arrays) {
        int size = 0;
        for (NDArray a : arrays) {
            size += Math.toIntExact(a.size());
        }
        float[] out = new float[size];
        int at = 0;
        for (NDArray a : arrays) {
            float[] v = a.toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    private static double[][] gram(float[][] g) {
        int n = g.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                float[] a = g[i];
                float[] b = g[j];
                for (int p = 0; p < a.length; p++) {
                    s += a[p] * (double) b[p];
                }
                k[i][j] = s;
                k[j][i] = s;
            }
        }
        return k;
    }

    /** Δ = Σ c_k g_k. */
    private static float[] combine(float[][] g, double[] coefficients) {
        double[] sum = new double[g[0].length];
        for (int k = 0; k < g.length; k++) {
            for (int p = 0; p < sum.length; p++) {
                sum[p] += coefficients[k] * g[k][p];
            }
        }
        float[] out = new float[sum.length];
        for (int p = 0; p < sum.length; p++) {
            out[p] = (float) sum[p];
        }
        return out;
    }

    private static boolean finite(float[] delta) {
        for (float v : delta) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Sets each parameter to its start plus {@code scale} times its slice of Δ; to its start when Δ is null. */
    private static void move(NDManager m, List<NDArray> parameters, List<float[]> start, float[] delta, double scale) {
        int at = 0;
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i);
            int size = Math.toIntExact(p.size());
            float[] values = start.get(i).clone();
            for (int j = 0; j < size && delta != null; j++) {
                values[j] += (float) (scale * delta[at + j]);
            }
            at += size;
            try (NDArray next = m.create(values, p.getShape())) {
                TorchEngine.assign(p, next);
            }
        }
    }

    /** d's logits of the batch, in inference mode, without a graph (its arrays live in the batch's scope). */
    private static double[] logits(Network d, NDArray batch) {
        try (NDArray logits = d.forward(batch, false)) {
            float[] v = logits.toFloatArray();
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i];
            }
            return out;
        }
    }

    /** (1/(to − from)) Σ softplus(−y_k s_k) over examples from..to−1. */
    private static double loss(double[] logits, double[] labels, int from, int to) {
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += LogisticDual.softplus(-labels[k] * logits[k]);
        }
        return sum / (to - from);
    }
}
