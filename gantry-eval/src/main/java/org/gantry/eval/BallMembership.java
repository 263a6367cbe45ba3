package org.gantry.eval;

/**
 * Query rows against the k-NN balls of a set of centres ({@link KthNeighbourRadii#membership}):
 * for each query, how many balls hold it and its nearest centre; for each ball, how many queries it
 * holds. Everything precision/recall and density/coverage count.
 */
public final class BallMembership {
    private final int[] ballsContaining;
    private final int[] queriesInside;
    private final int[] nearestCentre;
    private final double[] nearestDistance;

    BallMembership(int[] ballsContaining, int[] queriesInside, int[] nearestCentre, double[] nearestDistance) {
        this.ballsContaining = ballsContaining;
        this.queriesInside = queriesInside;
        this.nearestCentre = nearestCentre;
        this.nearestDistance = nearestDistance;
    }

    public int queryCount() {
        return ballsContaining.length;
    }

    public int ballCount() {
        return queriesInside.length;
    }

    /** Number of balls that hold query {@code i}. */
    public int ballsContaining(int i) {
        return ballsContaining[i];
    }

    /** Number of queries inside ball {@code j}. */
    public int queriesInside(int j) {
        return queriesInside[j];
    }

    /** Index of the centre nearest to query {@code i}, the lowest index among equally near ones; −1 for a NaN query. */
    public int nearestCentre(int i) {
        return nearestCentre[i];
    }

    /** Distance from query {@code i} to its nearest centre (infinite for a NaN query). */
    public double nearestDistance(int i) {
        return nearestDistance[i];
    }

    /** Share of queries inside at least one ball (precision when the balls are real, recall when generated). */
    public double fractionOfQueriesInAnyBall() {
        int inside = 0;
        for (int c : ballsContaining) {
            if (c > 0) {
                inside++;
            }
        }
        return (double) inside / ballsContaining.length;
    }

    /** Share of balls holding at least one query (coverage). */
    public double fractionOfBallsWithAnyQuery() {
        int hit = 0;
        for (int c : queriesInside) {
            if (c > 0) {
                hit++;
            }
        }
        return (double) hit / queriesInside.length;
    }

    /** Number of (query, ball) pairs with the query inside the ball (the sum behind density). */
    public long totalMemberships() {
        long total = 0;
        for (int c : ballsContaining) {
            total += c;
        }
        return total;
    }
}
