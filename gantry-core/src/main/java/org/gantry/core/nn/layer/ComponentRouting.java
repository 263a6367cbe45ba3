package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.function.BiFunction;

/**
 * Runs each row of a batch through the member of a mixture that its component names, each member
 * once on all of its rows together, and puts the results back in the batch's order. Rows are
 * moved by index gathers, which autograd differentiates, so gradients reach each member from its
 * rows alone; and each member's batch statistics (batch norm in training mode) are over its own
 * rows, as when the members are trained apart.
 */
public final class ComponentRouting {
    private ComponentRouting() {}

    /** The component of each row of a one-hot batch {@code [rows, components]}: the column of its largest value. */
    public static long[] components(NDArray oneHot) {
        try (NDArray index = oneHot.argMax(1)) {
            return index.toLongArray();
        }
    }

    /** The rows of {@code values} whose component is {@code k}, in their order: {@code values} itself when all are. */
    public static NDArray rowsOf(NDArray values, long[] component, int k) {
        long[] mine = java.util.stream.IntStream.range(0, component.length).filter(i -> component[i] == k)
                .mapToLong(i -> i).toArray();
        return mine.length == component.length ? values
                : values.get(new NDIndex("{}", values.getManager().create(mine)));
    }

    /** Whether any row's component is {@code k}. */
    public static boolean has(long[] component, int k) {
        for (long c : component) {
            if (c == k) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param x the batch, rows first
     * @param component each row's member, 0 to {@code members − 1}
     * @param member runs member {@code k} on its rows (a batch in their order in {@code x})
     * @return the members' outputs, row {@code i} from row {@code i} of {@code x}
     */
    public static NDArray route(NDArray x, long[] component, int members, BiFunction<Integer, NDArray, NDArray> member) {
        int rows = component.length;
        if (x.getShape().get(0) != rows) {
            throw new IllegalArgumentException("a batch of " + x.getShape().get(0) + " rows with " + rows + " components");
        }
        int[] count = new int[members];
        for (long k : component) {
            if (k < 0 || k >= members) {
                throw new IllegalArgumentException("component " + k + " of a mixture of " + members);
            }
            count[(int) k]++;
        }
        // order lists the rows member by member; position[i] is where row i lands in that order.
        long[] order = new long[rows];
        int[] start = new int[members + 1];
        for (int k = 0; k < members; k++) {
            start[k + 1] = start[k] + count[k];
        }
        int[] next = start.clone();
        long[] position = new long[rows];
        for (int i = 0; i < rows; i++) {
            int at = next[(int) component[i]]++;
            order[at] = i;
            position[i] = at;
        }
        NDManager m = x.getManager();
        NDList outputs = new NDList();
        for (int k = 0; k < members; k++) {
            if (count[k] == 0) {
                continue;
            }
            if (count[k] == rows) {
                return member.apply(k, x);
            }
            long[] mine = java.util.Arrays.copyOfRange(order, start[k], start[k + 1]);
            outputs.add(member.apply(k, x.get(new NDIndex("{}", m.create(mine)))));
        }
        NDArray grouped = outputs.size() == 1 ? outputs.head() : NDArrays.concat(outputs, 0);
        return grouped.get(new NDIndex("{}", m.create(position)));
    }
}
