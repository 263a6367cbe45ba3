/**
 * How a run is evaluated: which feature network (Gantry's classifier, a TorchScript file, none)
 * and which real images are the reference. The metrics themselves are engine-free, in gantry-eval.
 */
package org.gantry.core.evaluate;
