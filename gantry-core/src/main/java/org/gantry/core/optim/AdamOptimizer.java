package org.gantry.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Adam (Kingma & Ba 2015) with PyTorch's exact update: w −= lr·m̂ / (√v̂ + ε). It runs DJL's fused
 * native Adam kernel, whose ε sits outside the bias correction; passing ε·√(1−β2^t) makes the two
 * identical. Training's {@code djl-adam}, and the feature classifier's optimizer; training's
 * {@code adam} is {@link FusedAdamOptimizer}.
 */
public final class AdamOptimizer extends StatefulOptimizer {
    private float lr;
    private final float beta1;
    private final float beta2;
    private final double eps;

    public AdamOptimizer(double lr, double beta1, double beta2, double eps) {
        super(2);
        this.lr = (float) lr;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.eps = eps;
    }

    /** Changes the learning rate from the next step on, keeping the moments (learning-rate schedules). */
    public void setLearningRate(double lr) {
        this.lr = (float) lr;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = nextCount(parameterId);
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        float lrCorrected = (float) (lr * Math.sqrt(c2) / c1);
        NDArray[] s = slots(parameterId, weight);
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, s[0], s[1]), new NDList(weight), lr,
                lrCorrected, 0f, 1f, -1f, beta1, beta2, (float) (eps * Math.sqrt(c2)), true, false);
    }
}
