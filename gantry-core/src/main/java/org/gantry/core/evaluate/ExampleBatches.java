package org.gantry.core.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.gantry.core.model.Network;
import org.gantry.data.Dataset;

/**
 * A data set's first examples in batches, each handed over both as Java values and as an array
 * in a sub-manager of its own, which closes everything the visitor made from it when the batch is done.
 */
public final class ExampleBatches {
    private ExampleBatches() {}

    /** What is done with one batch. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @param start the index of the batch's first example in the data set
         * @param values the batch's values, example after example
         * @param examples the same batch as an array of shape [n, example shape]
         */
        void accept(int start, float[] values, NDArray examples);
    }

    /** Visits examples 0 to {@code count} − 1 of {@code data}, {@code batch} at a time, in sub-managers of {@code parent}. */
    public static void forEach(Dataset data, int count, int batch, NDManager parent, Visitor visitor) {
        for (int start = 0; start < count; start += batch) {
            int n = Math.min(batch, count - start);
            float[] values = new float[n * data.exampleLength()];
            data.fillRange(start, n, values);
            try (NDManager m = parent.newSubManager()) {
                visitor.accept(start, values, m.create(values, Network.batchShape(n, data.exampleShape())));
            }
        }
    }
}
