package org.gantry.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.gantry.eval.FeatureMatrix;
import org.gantry.eval.FloatProducts;

/**
 * The metrics' float products as one libtorch matrix product per block (oneMKL's SGEMM, on its
 * AVX-512 path where {@link MklDispatch} could choose it), registered for {@link FloatProducts#fastest}
 * through {@code META-INF/services}. Each SGEMM product is a float sum of float products in some
 * order, which is all the contract asks; the searches' answers do not depend on which order. A
 * matrix too large for one direct buffer (2 GiB) gets the plain-Java products instead.
 */
public final class TorchFloatProducts implements FloatProducts {
    /** For {@link java.util.ServiceLoader}. */
    public TorchFloatProducts() {}

    @Override
    public Blocks against(FeatureMatrix b) {
        if ((long) b.rows() * b.columns() * Float.BYTES > Integer.MAX_VALUE) {
            return FloatProducts.plainJava().against(b);
        }
        TorchEngine.start0();
        return new TorchBlocks(b);
    }

    @Override
    public String name() {
        return "libtorch matmul";
    }

    /**
     * Both operands are copied into direct buffers this object owns, which libtorch reads in place:
     * they stay alive and unchanged until the tensors over them are closed. A block's products are
     * read where libtorch wrote them, without a copy, until the next block closes them.
     */
    private static final class TorchBlocks implements Blocks {
        private final NDManager manager;
        private final ByteBuffer right;
        private final NDArray transposed;
        private final int columns;
        private final int rows;
        private ByteBuffer left = ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder());
        private NDManager block;

        TorchBlocks(FeatureMatrix b) {
            columns = b.columns();
            rows = b.rows();
            right = staged(null, b, 0, b.rows());
            manager = NDManager.newBaseManager();
            try {
                transposed = manager.create(right, new Shape(b.rows(), columns), DataType.FLOAT32).transpose();
            } catch (RuntimeException e) {
                manager.close();
                throw e;
            }
        }

        @Override
        public FloatBuffer multiply(FeatureMatrix a, int a0, int a1, int b0) {
            Blocks.checkOperands(a, b0, columns, rows);
            closeBlock();
            left = staged(left, a, a0, a1);
            block = manager.newSubManager();
            NDArray x = block.create(left, new Shape(a1 - a0, columns), DataType.FLOAT32);
            // Columns [b0, rows) of the transposed matrix: still a transposed layout, one SGEMM call.
            NDArray others = b0 == 0 ? transposed : transposed.get(block, new NDIndex(":, {}:", b0));
            return x.matMul(others).toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }

        private void closeBlock() {
            if (block != null) {
                block.close();
                block = null;
            }
        }

        @Override
        public void close() {
            closeBlock();
            manager.close();
            Reference.reachabilityFence(right);
            Reference.reachabilityFence(left);
        }

        /** Rows [r0, r1) of {@code m} in {@code buffer}, or in a new buffer when it is too small. */
        private static ByteBuffer staged(ByteBuffer buffer, FeatureMatrix m, int r0, int r1) {
            int values = Math.toIntExact((long) (r1 - r0) * m.columns());
            int bytes = Math.multiplyExact(values, Float.BYTES);
            ByteBuffer out = buffer != null && buffer.capacity() >= bytes ? buffer
                    : ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            out.clear();
            out.asFloatBuffer().put(m.values(), r0 * m.columns(), values);
            out.limit(bytes);
            return out;
        }
    }
}
