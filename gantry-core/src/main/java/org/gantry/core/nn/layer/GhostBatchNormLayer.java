package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Ghost batch normalisation (Hoffer et al. 2017): in training, each run of {@code ghost}
 * consecutive examples is normalised with its own statistics, as if it were a batch of its own, and
 * updates the running statistics in turn; a last, shorter run is normalised on its own too, except
 * a single example, which joins the run before it (alone it has no variance). In inference it is
 * batch normalisation with the running statistics.
 */
public final class GhostBatchNormLayer extends Layer {
    private final BatchNormLayer norm;
    private final int ghost;

    public GhostBatchNormLayer(long channels, int ghost) {
        if (ghost < 2) {
            throw new IllegalArgumentException("a ghost batch needs at least 2 examples, not " + ghost);
        }
        this.norm = addChildBlock("norm", new BatchNormLayer(channels, true));
        this.ghost = ghost;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long n = x.getShape().get(0);
        int runs = n <= ghost ? 1 : (int) ((n - 1) / ghost) + (n % ghost == 1 ? 0 : 1);
        if (!training || runs == 1) {
            return norm.forward(store, inputs, training);
        }
        long[] cuts = new long[runs - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = (long) (i + 1) * ghost;
        }
        NDList parts = new NDList();
        for (NDArray part : x.split(cuts)) {
            parts.add(norm.forward(store, new NDList(part), true).singletonOrThrow());
        }
        return new NDList(NDArrays.concat(parts));
    }
}
