/** The training loop, run directory, checkpoints and listeners. */
package org.gantry.core.train;
