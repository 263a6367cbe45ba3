package org.gantry.eval;

import java.util.Arrays;

/**
 * The one-to-one assignment of rows to columns with the largest total weight (the Hungarian
 * method, Kuhn 1955, in the O(n²m) form with row and column potentials). InfoGAN's code accuracy
 * matches each value of a categorical code to the class it generates most consistently.
 */
public final class BestMatching {
    private BestMatching() {}

    /**
     * @param weight rows × columns, at most as many rows as columns
     * @return for each row, the column it is matched to; no two rows share a column
     */
    public static int[] maximise(double[][] weight) {
        int n = weight.length;
        int m = n == 0 ? 0 : weight[0].length;
        if (n > m) {
            throw new IllegalArgumentException(n + " rows cannot be matched one to one with " + m + " columns");
        }
        // Minimise the negated weights; index 0 of u, v, match and way is the algorithm's virtual row and column.
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] match = new int[m + 1];
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            match[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = match[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = -weight[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[match[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (match[j0] != 0);
            do {
                int j1 = way[j0];
                match[j0] = match[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowToColumn = new int[n];
        for (int j = 1; j <= m; j++) {
            if (match[j] != 0) {
                rowToColumn[match[j] - 1] = j - 1;
            }
        }
        return rowToColumn;
    }

    /** The total weight of {@code rowToColumn} in {@code weight}. */
    public static double total(double[][] weight, int[] rowToColumn) {
        double sum = 0;
        for (int i = 0; i < rowToColumn.length; i++) {
            sum += weight[i][rowToColumn[i]];
        }
        return sum;
    }
}
