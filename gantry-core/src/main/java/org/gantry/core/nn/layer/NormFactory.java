package org.gantry.core.nn.layer;

import ai.djl.nn.Block;

/**
 * Makes the feature normalisation that follows a weight layer, or null for none. An architecture
 * asks for one per place; whether it is batch or layer norm, and whether it is self-modulated,
 * is the configuration's business.
 */
@FunctionalInterface
public interface NormFactory {

    /**
     * @param channels feature channels (units for a dense layer)
     * @param height feature map height, 0 for dense features
     * @param width feature map width, 0 for dense features
     */
    Block create(long channels, int height, int width);
}
