/** Seeded random streams whose state can be checkpointed. */
package org.gantry.random;
