package org.gantry.core.game;

import ai.djl.ndarray.NDArray;

/**
 * Labelled training examples and their classes.
 *
 * @param examples {@code [batch, ...example shape]}
 * @param classes one-hot, {@code [batch, classes]}
 */
public record LabelledBatch(NDArray examples, NDArray classes) {}
