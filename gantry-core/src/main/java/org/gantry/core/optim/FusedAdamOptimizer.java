package org.gantry.core.optim;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.gantry.core.engine.FusedAdam;

/**
 * Adam with PyTorch's update (as {@link AdamOptimizer}) computed by libtorch's fused CPU kernel over
 * all of a network's parameters in one call: PyTorch's {@code Adam(fused=True)}. The moments and
 * step counts are {@link AdamOptimizer}'s, so state saved by either loads into the other
 * ({@code gantry train --resume} itself keeps a run's optimizer).
 *
 * <p>Why it is the {@code adam} of training: the kernel reads and writes each array once where DJL's
 * runs about nine operators per parameter, which is a measurable share of a small network's step
 * (docs/RESULTS.md, issue 19). Its rounding differs from DJL's kernel, so a seed gives another
 * trajectory than before it took over, within float rounding at each update ({@code djl-adam}
 * keeps the old one).
 */
public final class FusedAdamOptimizer extends StatefulOptimizer {
    private double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;

    public FusedAdamOptimizer(double lr, double beta1, double beta2, double eps) {
        super(2);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** Changes the learning rate from the next step on, keeping the moments (learning-rate schedules). */
    public void setLearningRate(double lr) {
        this.lr = lr;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        updateAll(List.of(parameterId), List.of(weight), List.of(grad));
    }

    @Override
    public void updateAll(List<String> ids, List<NDArray> weights, List<NDArray> grads) {
        List<NDArray> firsts = new ArrayList<>(ids.size());
        List<NDArray> seconds = new ArrayList<>(ids.size());
        int[] steps = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            NDArray[] s = slots(ids.get(i), weights.get(i));
            firsts.add(s[0]);
            seconds.add(s[1]);
            steps[i] = count(ids.get(i)) + 1;
        }
        // FusedAdam checks everything before the kernel runs; counts advance only after it did
        FusedAdam.update(weights, grads, firsts, seconds, steps, lr, beta1, beta2, eps);
        for (String id : ids) {
            nextCount(id);
        }
    }
}
