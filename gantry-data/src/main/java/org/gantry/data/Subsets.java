package org.gantry.data;

import java.util.Arrays;
import org.gantry.random.Rng;

/** Evaluation subsets of a data set, drawn without replacement. */
public final class Subsets {
    private Subsets() {}

    /**
     * {@code n} examples, one after another: all of them in stored order when {@code n} is the data
     * set's size, else a subset drawn uniformly without replacement by a Fisher–Yates shuffle of
     * {@code rng}.
     */
    public static float[] draw(Dataset data, int n, Rng rng) {
        if (n < 0 || n > data.size()) {
            throw new IllegalArgumentException("cannot draw " + n + " of the " + data.size() + " examples of " + data.name());
        }
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (n < order.length) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        float[] out = new float[n * data.exampleLength()];
        data.fill(Arrays.copyOf(order, n), out);
        return out;
    }
}
