package org.gantry.core.nn.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** A square 2-D convolution with bias, its weight in the given {@link WeightForm}. */
public final class ConvLayer extends WeightLayer {
    static final Shape ONE = new Shape(1, 1);
    private final Shape stride;
    private final Shape padding;
    private final boolean convertsInput;

    public ConvLayer(long in, long out, int kernel, int stride, int padding, WeightForm form) {
        this(in, out, kernel, stride, padding, form, false);
    }

    private ConvLayer(long in, long out, int kernel, int stride, int padding, WeightForm form, boolean convertsInput) {
        super(new Shape(out, in, kernel, kernel), form);
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
        this.convertsInput = convertsInput;
    }

    /**
     * The same convolution as the first of a network kept {@link ChannelsLast}: it stores its input
     * so first, and its output is then channels-last too.
     */
    public static ConvLayer intoChannelsLast(long in, long out, int kernel, int stride, int padding, WeightForm form) {
        return new ConvLayer(in, out, kernel, stride, padding, form, true);
    }

    /** Output side length for an input side length. */
    public static int outputSize(int size, int kernel, int stride, int padding) {
        return (size + 2 * padding - kernel) / stride + 1;
    }

    @Override
    NDArray apply(NDArray input, NDArray w, NDArray b) {
        NDArray x = convertsInput ? ChannelsLast.of(input) : input;
        return x.getNDArrayInternal().convolution(x, w, b, stride, padding, ONE, 1).singletonOrThrow();
    }
}
