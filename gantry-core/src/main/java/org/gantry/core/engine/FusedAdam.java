package org.gantry.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Adam applied to many parameters in one pass over each: libtorch's fused CPU kernel
 * ({@code torch._fused_adam_}), reached through a TorchScript function shipped with Gantry
 * ({@code fused_adam.pt}, written by {@code src/main/python/make_fused_adam.py}). The update is
 * PyTorch's: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², w ← w − lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε).
 *
 * <p>Why: DJL's per-parameter {@code adamUpdate} runs about nine operators with temporaries per
 * parameter; this reads and writes each array once. On the PacGAN ring's 890,000 parameters, all at
 * once: 0.5–0.7 ms a step against 1.8–2.0 ms (docs/RESULTS.md, issue 19, fourth session). Training
 * uses it through the {@code adam} optimizer (its rounding differs from DJL's kernel, which
 * {@code djl-adam} keeps).
 */
public final class FusedAdam {
    private FusedAdam() {}

    /**
     * Updates each weight in place from its gradient, moving its moments in place. Each gradient and
     * moment must have its weight's shape and type and all must be contiguous, as parameters,
     * gradients and optimizer slots are (the kernel walks raw memory by the weight's size; the
     * script refuses a strided view before it runs); no array may appear twice.
     *
     * @param steps each parameter's update count including this update (1 on its first)
     */
    public static void update(List<NDArray> weights, List<NDArray> grads, List<NDArray> firstMoments,
            List<NDArray> secondMoments, int[] steps, double lr, double beta1, double beta2, double eps) {
        List<List<NDArray>> lists = List.of(weights, grads, firstMoments, secondMoments);
        check(lists, steps);
        if (weights.isEmpty()) {
            return;
        }
        try (NDManager scope = weights.get(0).getManager().newSubManager()) {
            List<NDArray> stepCounts = new ArrayList<>(steps.length);
            for (int step : steps) {
                stepCounts.add(scope.create((float) step));
            }
            NDArray hyper = scope.create(new double[] {lr, beta1, beta2, eps});
            // the script turns autograd off around the in-place update, which libtorch refuses on
            // leaves that require gradients
            ShippedScripts.forward("fused_adam.pt", scope,
                    List.of(weights, grads, firstMoments, secondMoments, stepCounts, hyper)).close();
        }
    }

    private static void check(List<List<NDArray>> lists, int[] steps) {
        List<NDArray> weights = lists.get(0);
        int n = weights.size();
        if (lists.get(1).size() != n || lists.get(2).size() != n || lists.get(3).size() != n || steps.length != n) {
            throw new IllegalArgumentException(String.format("fused Adam needs one gradient, two moments and a step "
                    + "count per weight: %d weights, %d gradients, %d and %d moments, %d step counts", n,
                    lists.get(1).size(), lists.get(2).size(), lists.get(3).size(), steps.length));
        }
        Set<NDArray> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        String[] what = {"weight", "gradient", "first moment", "second moment"};
        for (int i = 0; i < n; i++) {
            if (steps[i] < 1) {
                throw new IllegalArgumentException("fused Adam: step count " + steps[i] + " of parameter " + i
                        + "; counts start at 1 (the bias corrections divide by 1 - beta^t)");
            }
            NDArray w = weights.get(i);
            for (int l = 0; l < lists.size(); l++) {
                NDArray a = lists.get(l).get(i);
                if (!seen.add(a)) {
                    throw new IllegalArgumentException("fused Adam: the " + what[l] + " of parameter " + i
                            + " is an array passed before; each must appear once");
                }
                if (!a.getShape().equals(w.getShape()) || a.getDataType() != w.getDataType()) {
                    throw new IllegalArgumentException(String.format("fused Adam: the %s of parameter %d is %s %s, "
                            + "its weight %s %s", what[l], i, a.getDataType(), a.getShape(), w.getDataType(),
                            w.getShape()));
                }
            }
        }
    }
}
