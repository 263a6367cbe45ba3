/** Checkpoints on disk: atomic, checksummed writes, verified reads, and the best one by a metric. */
package org.gantry.core.checkpoint;
