package org.gantry.core.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** The squared Euclidean norm of a list of arrays taken as one vector, differentiable. */
final class SquaredNorm {
    private SquaredNorm() {}

    static NDArray of(List<NDArray> parts) {
        NDArray total = null;
        for (NDArray part : parts) {
            NDArray s = part.square().sum();
            total = total == null ? s : total.add(s);
        }
        if (total == null) {
            throw new IllegalArgumentException("no arrays to take the norm of");
        }
        return total;
    }
}
