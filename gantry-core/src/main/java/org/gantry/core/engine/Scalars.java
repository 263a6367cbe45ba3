package org.gantry.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplication and division by a number for arrays that may be back-propagated. Use these, never
 * DJL's {@code mul(Number)} / {@code div(Number)}, on anything inside a gradient collector.
 *
 * <p>Why: DJL turns the number into a tensor over a Java direct buffer (libtorch does not copy it)
 * and closes that array right after the op, but autograd keeps the tensor for the backward pass
 * (the derivative of x·s with respect to x is s). Once a garbage collection frees the buffer, the
 * backward pass reads whatever the memory holds by then. In training this struck only in the rare
 * step where a collection fell between forward and backward, so a penalty's weight was wrong for
 * that step and the run no longer repeated. A scalar that libtorch allocates ({@code full}) owns its
 * memory, and autograd's reference keeps it alive.
 */
public final class Scalars {
    private Scalars() {}

    /** {@code x · factor}, with the factor held in libtorch's own memory. */
    public static NDArray times(NDArray x, double factor) {
        try (NDArray s = x.getManager().full(new Shape(), (float) factor, x.getDataType())) {
            return x.mul(s);
        }
    }

    /** {@code x + term}, with the term held in libtorch's own memory. */
    public static NDArray plus(NDArray x, double term) {
        try (NDArray s = x.getManager().full(new Shape(), (float) term, x.getDataType())) {
            return x.add(s);
        }
    }

    /** {@code x / divisor}, with the divisor held in libtorch's own memory. */
    public static NDArray dividedBy(NDArray x, double divisor) {
        try (NDArray s = x.getManager().full(new Shape(), (float) divisor, x.getDataType())) {
            return x.div(s);
        }
    }

    /** {@code numerator / x} elementwise, with the numerator held in libtorch's own memory. */
    public static NDArray over(double numerator, NDArray x) {
        try (NDArray s = x.getManager().full(new Shape(), (float) numerator, x.getDataType())) {
            return s.div(x);
        }
    }

    /** {@code max(x, floor)} elementwise, with the floor held in libtorch's own memory (autograd keeps it for the mask). */
    public static NDArray atLeast(NDArray x, double floor) {
        try (NDArray s = x.getManager().full(new Shape(), (float) floor, x.getDataType())) {
            return x.maximum(s);
        }
    }
}
