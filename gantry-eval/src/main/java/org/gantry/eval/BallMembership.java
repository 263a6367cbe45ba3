package org.gantry.eval;

/**
 * Query rows against the k-NN balls of a set of centres ({@link KthNeighbourRadii#membership}):
 * for each query, how many balls hold it; for each ball, how many queries it holds. Everything
 * precision/recall and density/coverage count.
 */
public final class BallMembership {
    private final int[] ballsContaining;
    private final int[] queriesInside;

    BallMembership(int[] ballsContaining, int[] queriesInside) {
        this.ballsContaining = ballsContaining;
        this.queriesInside = queriesInside;
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
