package org.gantry.core.nn.layer;

/**
 * How a weight layer parameterises its weight: as it is, divided by its largest singular value
 * (spectral normalisation, Miyato et al. 2018), or as a direction times a learned length per output
 * unit (weight normalisation, Salimans &amp; Kingma 2016).
 */
public enum WeightForm {
    PLAIN,
    SPECTRAL,
    WEIGHT_NORM
}
