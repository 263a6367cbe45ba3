package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * Independent critics side by side, one per component of a mixture of generators. Given examples
 * alone, every critic judges every example: the output is {@code [batch, members]}, critic k's
 * logit in column k. Given the examples and a one-hot component per example, each example is judged
 * by its component's critic alone, with that critic's batch statistics over its own examples: the
 * output is {@code [batch, 1]}.
 */
public final class ParallelCritics extends Layer {
    private final int members;

    /** @param critics the members, each built for one example and one logit */
    public ParallelCritics(List<Block> critics) {
        this.members = critics.size();
        for (int k = 0; k < members; k++) {
            addChildBlock("critic" + k, critics.get(k));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        List<Block> critics = getChildren().values();
        if (inputs.size() == 2) {
            long[] component = ComponentRouting.components(inputs.get(1));
            return new NDList(ComponentRouting.route(x, component, members,
                    (k, rows) -> critics.get(k).forward(store, new NDList(rows), training).singletonOrThrow()));
        }
        NDList logits = new NDList();
        for (Block critic : critics) {
            logits.add(critic.forward(store, new NDList(x), training).singletonOrThrow());
        }
        return new NDList(NDArrays.concat(logits, 1));
    }
}
