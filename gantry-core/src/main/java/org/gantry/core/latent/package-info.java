/** The geometry the generator gives its latent space: curve lengths and geodesics measured in data space. */
package org.gantry.core.latent;
