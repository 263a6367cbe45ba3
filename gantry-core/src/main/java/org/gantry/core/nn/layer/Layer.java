package org.gantry.core.nn.layer;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;

/**
 * Base of Gantry's layers. Every layer is built with its sizes known, so parameter shapes are
 * fixed at construction and the input shapes DJL passes at initialisation are only forwarded.
 */
abstract class Layer extends AbstractBlock {

    Layer() {
        this((byte) 1);
    }

    /** A layer whose stored parameters changed: its version tells a loader which form it reads. */
    Layer(byte version) {
        super(version);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    /** The name a {@link LayerSequence} adds this layer under, which its parameters' names in checkpoints start with. */
    String sequenceName() {
        return getClass().getSimpleName();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is built with fixed sizes");
    }
}
