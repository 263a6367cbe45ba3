/**
 * Gantry's network layers on DJL: dense and convolution layers with optional spectral norm,
 * batch and layer normalisation, self-modulation, residual blocks, resolution changes, minibatch
 * discrimination, and the sequence that hands the latent batch to every layer that wants it.
 */
package org.gantry.core.nn.layer;
