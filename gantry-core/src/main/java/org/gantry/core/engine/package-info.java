/** The only code that configures DJL's PyTorch engine or reaches into its internals. */
package org.gantry.core.engine;
