package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.gantry.core.engine.TorchEngine;

/**
 * What a network sets from a batch drawn before its first training step: the reference input of virtual batch
 * normalisation, and the unit lengths and biases of weight normalisation's data-dependent
 * initialisation (Salimans &amp; Kingma 2016), which runs layer after layer in one forward pass, each
 * layer seeing the output of the layers already initialised.
 */
public final class DataInitialisation {
    private DataInitialisation() {}

    /**
     * Prepares a freshly built block for virtual batch normalisation: when it holds such layers,
     * its root sequence carries a reference of their size. Call before the block is initialised.
     *
     * @param input one input example of the block (packed), without the batch axis
     * @return the reference rows, 0 when the block has no virtual batch normalisation
     */
    public static int prepare(Block block, int[] input) {
        int rows = 0;
        for (Block b : Layers.descendants(block)) {
            if (b instanceof VirtualBatchNormLayer v) {
                if (rows != 0 && rows != v.reference()) {
                    throw new IllegalArgumentException("virtual batch normalisation with two reference sizes, "
                            + rows + " and " + v.reference());
                }
                rows = v.reference();
            }
        }
        if (rows > 0) {
            if (!(block instanceof LayerSequence root)) {
                throw new IllegalArgumentException("virtual batch normalisation needs a layer sequence at the root, not "
                        + block.getClass().getSimpleName());
            }
            root.carryReference(rows, input);
        }
        return rows;
    }

    /** Whether {@link #run} changes anything in this block. */
    public static boolean needed(Block block) {
        for (Block b : Layers.descendants(block)) {
            if (b instanceof WeightLayer w && w.initialisesFromData()
                    || b instanceof LayerSequence s && s.reference() != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets the reference input to the batch's first rows, then initialises every weight-normalised
     * layer in one inference pass over the whole batch.
     *
     * @param input a batch as the block takes it (packed), at least as many rows as the reference
     */
    public static void run(Block block, ParameterStore store, NDArray input) {
        if (block instanceof LayerSequence root && root.reference() != null) {
            NDArray target = root.reference().getArray();
            long rows = target.getShape().get(0);
            if (input.getShape().get(0) < rows) {
                throw new IllegalArgumentException("a batch of " + input.getShape().get(0)
                        + " inputs cannot fill a reference of " + rows);
            }
            TorchEngine.assign(target, input.get(new NDIndex("0:" + rows)));
        }
        boolean any = false;
        for (Block b : Layers.descendants(block)) {
            if (b instanceof WeightLayer w && w.initialisesFromData()) {
                w.initialiseOnNextBatch();
                any = true;
            }
        }
        if (any) {
            block.forward(store, new NDList(input), false);
        }
    }
}
