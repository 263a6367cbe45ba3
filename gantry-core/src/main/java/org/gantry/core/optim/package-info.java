/** Optimizers with checkpointable state, built on DJL's Optimizer. */
package org.gantry.core.optim;
