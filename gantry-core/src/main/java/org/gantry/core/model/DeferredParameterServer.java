package org.gantry.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterServer;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.gantry.core.optim.StatefulOptimizer;

/**
 * The parameter server of every trained network. DJL's parameter store reports each parameter it
 * served in a training forward to its server one by one; this one only notes them, and
 * {@link #flush} hands the noted parameters and their gradients to the optimizer in one
 * {@link StatefulOptimizer#updateAll} call. The set of parameters updated is DJL's own.
 *
 * <p>Why not DJL's {@code LocalParameterServer}: it calls the optimizer once per parameter, so a
 * kernel over many arrays (the fused Adam) could not see them together, and it hands the optimizer a
 * copy of each gradient, which no Gantry optimizer needs (none writes to its gradient, and the
 * network clears the gradients right after the update). The values computed are the same.
 */
final class DeferredParameterServer implements ParameterServer {
    private final StatefulOptimizer optimizer;
    private final List<String> ids = new ArrayList<>();
    private final List<NDArray> weights = new ArrayList<>();

    DeferredParameterServer(StatefulOptimizer optimizer) {
        this.optimizer = optimizer;
    }

    @Override
    public void init(String parameterId, NDArray[] value) {}

    /** What DJL's store calls per parameter: only noted here, so no gradient handle is opened yet. */
    @Override
    public void update(String parameterId, NDArray[] params) {
        if (params.length != 1) {
            throw new IllegalStateException("parameter " + parameterId + " lives on " + params.length
                    + " devices; Gantry trains on one");
        }
        ids.add(parameterId);
        weights.add(params[0]);
    }

    @Override
    public void update(String parameterId, NDArray[] grads, NDArray[] params) {
        update(parameterId, params);
    }

    /** Forgets whatever was noted. */
    void clear() {
        ids.clear();
        weights.clear();
    }

    /**
     * One update of every parameter {@code store} served: what was noted before is forgotten (a pass
     * that threw part-way leaves nothing behind), the store reports its parameters, and the optimizer
     * gets them together.
     */
    void updateThrough(ParameterStore store) {
        clear();
        store.updateAllParameters();
        flush();
    }

    /** Updates every parameter noted since the last flush, in the order the store reported them. */
    void flush() {
        List<NDArray> grads = new ArrayList<>(weights.size());
        try {
            for (NDArray w : weights) {
                grads.add(w.getGradient());
            }
            optimizer.updateAll(ids, weights, grads);
        } finally {
            grads.forEach(NDArray::close);
            clear();
        }
    }

    @Override
    public void close() {}
}
