package org.gantry.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * One native buffer that a training step's input (a real batch, a latent batch) is copied into
 * and wrapped as a tensor without a further copy. DJL turns a {@code float[]} into a tensor by
 * copying it into a fresh direct buffer that libtorch then uses in place, and only the garbage
 * collector frees such buffers: at a batch per step, hundreds of megabytes of native memory waited
 * for a collection and resident memory grew for thousands of steps. Reusing one buffer is safe
 * because every tensor made from it lives in a step's manager, closed before the next fill.
 */
public final class StagingBuffer {
    private final ByteBuffer bytes;
    private final FloatBuffer floats;
    private final Shape shape;
    private final int size;

    public StagingBuffer(Shape shape) {
        this.shape = shape;
        this.size = Math.toIntExact(shape.size());
        this.bytes = ByteBuffer.allocateDirect(size * Float.BYTES).order(ByteOrder.nativeOrder());
        this.floats = bytes.asFloatBuffer();
    }

    public Shape shape() {
        return shape;
    }

    /** Copies {@code values} (at least the shape's size) in and returns a tensor over the buffer, owned by {@code m}. */
    public NDArray wrap(NDManager m, float[] values) {
        floats.clear();
        floats.put(values, 0, size);
        bytes.clear();
        return m.create(bytes, shape, DataType.FLOAT32);
    }
}
