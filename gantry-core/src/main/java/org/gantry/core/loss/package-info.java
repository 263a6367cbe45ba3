/** Adversarial objectives, one class per loss (METHODS.md section 1). */
package org.gantry.core.loss;
