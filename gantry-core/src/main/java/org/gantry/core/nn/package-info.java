/** Network architectures and their initialisation. */
package org.gantry.core.nn;
