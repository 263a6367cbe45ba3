/**
 * A training run end to end: the configuration schema and presets, the run directory, and the
 * loop that wires trainer, evaluation, outputs and checkpoints together. The top layer of gantry-core.
 */
package org.gantry.core.run;
