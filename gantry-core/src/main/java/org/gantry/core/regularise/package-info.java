/** Discriminator regularisers and constraints. */
package org.gantry.core.regularise;
