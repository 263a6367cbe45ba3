package org.gantry.study.search;

import java.util.List;

/**
 * Points in the unit cube [0, 1)^d that a study maps onto its search space. A sequence is
 * seeded and endless: the first n points are a study of n configurations, and asking for more
 * later returns the same n first, so a finished study can be extended without rerunning anything.
 */
public interface PointSequence {
    int dimension();

    /** The first {@code count} points, each of length {@link #dimension()}, every coordinate in [0, 1). */
    List<double[]> first(int count);
}
