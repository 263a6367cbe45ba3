/** Training data sets (engine-free) and mini-batch order. */
package org.gantry.data;
