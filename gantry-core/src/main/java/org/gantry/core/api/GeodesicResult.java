package org.gantry.core.api;

import java.util.List;
import org.gantry.core.latent.Geodesic;

/**
 * Geodesics of a trained run's latent space ({@link SampleBuilder#geodesics}): per pair of end
 * points the straight and the geodesic curve, each with its points in latent and data space and
 * its data-space energy and length.
 */
public record GeodesicResult(List<Geodesic.Result> pairs, Origin origin) {

    /** The geodesic's length over the straight line's, averaged over the pairs. */
    public double meanLengthRatio() {
        return pairs.stream().mapToDouble(Geodesic.Result::lengthRatio).average().orElse(Double.NaN);
    }
}
