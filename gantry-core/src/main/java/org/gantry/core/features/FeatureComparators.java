package org.gantry.core.features;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;
import org.gantry.config.ConfigException;
import org.gantry.eval.FeatureNetwork;

/**
 * A run's feature network as a frozen, differentiable map of image batches: the comparator of
 * feature-space losses (Dosovitskiy & Brox 2016), through which gradients reach the images alone.
 */
public final class FeatureComparators {
    private FeatureComparators() {}

    /**
     * @param exampleShape the shape of the examples it will compare
     * @param why what needs the comparator, for the error when {@code network} cannot be one
     */
    public static UnaryOperator<NDArray> of(FeatureNetwork network, int[] exampleShape, String why) {
        if (network != null && !java.util.Arrays.equals(network.inputShape(), exampleShape)) {
            throw new ConfigException(why + ", and eval.feature_network (" + network.identity() + ") takes images of "
                    + "shape " + java.util.Arrays.toString(network.inputShape()) + " where the data's are "
                    + java.util.Arrays.toString(exampleShape) + ": give a TorchScript network for these images");
        }
        if (network instanceof ClassifierFeatures c) {
            return c.frozenFeatures();
        }
        if (network instanceof TorchScriptFeatures t) {
            return t.frozenFeatures();
        }
        throw new ConfigException(why + ", and this run has " + (network == null ? "no feature network"
                : "the feature network " + network.identity() + ", which gives no gradient")
                + ": use image data with eval.feature_network=auto (Gantry's classifier) or a TorchScript file");
    }
}
