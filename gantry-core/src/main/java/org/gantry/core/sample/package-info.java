/** Ways of drawing samples from a trained generator. */
package org.gantry.core.sample;
