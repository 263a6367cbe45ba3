package org.gantry.eval;

/**
 * Two sets' k-NN balls against each other's centres ({@link KthNeighbourRadii#mutual}): the first
 * set's centres in the second's balls, and the second's in the first's. Precision/recall needs
 * both, and one pass over the products of the two sets gives both.
 */
public record MutualMembership(BallMembership otherInThese, BallMembership theseInOther) {}
