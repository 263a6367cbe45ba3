package org.gantry.core.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.gantry.core.latent.Geodesic;
import org.gantry.data.GaussianMixture;

/**
 * Geodesics of a trained run's latent space ({@link SampleBuilder#geodesics}): per pair of end
 * points the straight and the geodesic curve, each with its points in latent and data space and
 * its data-space energy and length.
 */
public record GeodesicResult(List<Geodesic.Result> pairs, int[] shape, String data, Optional<GaussianMixture> modes,
        Path checkpoint, long step, long seed) {

    /** The geodesic's length over the straight line's, averaged over the pairs. */
    public double meanLengthRatio() {
        return pairs.stream().mapToDouble(Geodesic.Result::lengthRatio).average().orElse(Double.NaN);
    }
}
