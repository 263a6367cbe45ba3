package org.gantry.core.train;

import ai.djl.ndarray.NDArray;
import org.gantry.core.model.Network;

/**
 * Feature matching (Salimans et al. 2016): the generator matches the mean of the discriminator's
 * last hidden features on real data, ‖E_P f(x) − E_Q f(G(z))‖², instead of fooling its output.
 */
final class FeatureMatching {
    private FeatureMatching() {}

    static NDArray loss(Network discriminator, NDArray real, NDArray fake) {
        // The real side is a constant target: no gradient flows into it.
        NDArray target = discriminator.features(real, true).stopGradient().mean(new int[] {0});
        NDArray generated = discriminator.features(fake, true).mean(new int[] {0});
        return generated.sub(target).square().sum();
    }
}
