package org.gantry.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * Adam applied to many parameters in one pass over each: libtorch's fused CPU kernel
 * ({@code torch._fused_adam_}), reached through a TorchScript function shipped with Gantry
 * ({@code fused_adam.pt}, written by {@code src/main/python/make_fused_adam.py}). The update is
 * PyTorch's: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², w ← w − lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε).
 *
 * <p>Why: DJL's per-parameter {@code adamUpdate} runs about nine operators with temporaries per
 * parameter; this reads and writes each array once. On the PacGAN ring's 890,000 parameters, all at
 * once: 0.5–0.7 ms a step against 1.8–2.0 ms (docs/RESULTS.md, issue 19, fourth session). Training
 * does not use it yet: handing it every parameter at once needs a change to how networks call their
 * optimizer, and its rounding differs from DJL's kernel, so adopting it moves every Adam-trained run.
 */
public final class FusedAdam {
    private FusedAdam() {}

    /**
     * Updates each weight in place from its gradient, moving its moments in place.
     *
     * @param steps each parameter's update count including this update (1 on its first)
     */
    public static void update(List<NDArray> weights, List<NDArray> grads, List<NDArray> firstMoments,
            List<NDArray> secondMoments, int[] steps, double lr, double beta1, double beta2, double eps) {
        int n = weights.size();
        if (grads.size() != n || firstMoments.size() != n || secondMoments.size() != n || steps.length != n) {
            throw new IllegalArgumentException(String.format("fused Adam needs one gradient, two moments and a step "
                    + "count per weight: %d weights, %d gradients, %d and %d moments, %d step counts", n, grads.size(),
                    firstMoments.size(), secondMoments.size(), steps.length));
        }
        if (n == 0) {
            return;
        }
        PtSymbolBlock block = ShippedScripts.load("fused_adam.pt");
        List<List<NDArray>> lists = List.of(weights, grads, firstMoments, secondMoments);
        // DJL turns arrays named "name[]" into one TorchScript list per name, in order of first appearance;
        // the arrays' own names (parameters have them) are put back afterwards.
        String[] listNames = {"weights[]", "grads[]", "exp_avgs[]", "exp_avg_sqs[]"};
        String[][] saved = new String[4][n];
        try (NDManager scope = weights.get(0).getManager().newSubManager()) {
            NDList args = new NDList(5 * n + 1);
            for (int l = 0; l < 4; l++) {
                for (int i = 0; i < n; i++) {
                    NDArray a = lists.get(l).get(i);
                    saved[l][i] = a.getName();
                    a.setName(listNames[l]);
                    args.add(a);
                }
            }
            for (int i = 0; i < n; i++) {
                NDArray step = scope.create((float) steps[i]);
                step.setName("steps[]");
                args.add(step);
            }
            args.add(scope.create(new double[] {lr, beta1, beta2, eps}));
            block.forward(new ParameterStore(scope, false), args, true).close();
        } finally {
            for (int l = 0; l < 4; l++) {
                for (int i = 0; i < n; i++) {
                    lists.get(l).get(i).setName(saved[l][i]);
                }
            }
        }
    }
}
