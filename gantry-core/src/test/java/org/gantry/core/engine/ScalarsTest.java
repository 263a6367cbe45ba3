package org.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scalar a {@link Scalars} op saves for the backward pass survives a garbage collection
 * between forward and backward. With DJL 0.35.1's {@code x.mul(3f)} in the same scene the gradient
 * came back as 1003 or 1004 (the values written into the freed buffer) in 20 of 20 tries.
 */
class ScalarsTest {
    @BeforeAll
    static void engine() {
        TorchEngine.start(1);
    }

    @Test
    void timesKeepsItsFactorThroughACollection() throws InterruptedException {
        assertThat(gradientAfterCollection(x -> Scalars.times(x, 3))).containsOnly(3f);
    }

    @Test
    void dividedByKeepsItsDivisorThroughACollection() throws InterruptedException {
        assertThat(gradientAfterCollection(x -> Scalars.dividedBy(x, 4))).containsOnly(0.25f);
    }

    /** d/dx of Σ op(x) at x = (1, 2, 3, 4), with collections and reused native memory before the backward pass. */
    private static float[] gradientAfterCollection(UnaryOperator<NDArray> op) throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1f, 2f, 3f, 4f});
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = op.apply(x).sum();
                for (int i = 0; i < 3; i++) {
                    System.gc();
                    Thread.sleep(20); // the cleaner thread frees unreachable direct buffers
                }
                List<ByteBuffer> reuse = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    reuse.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, 1000f + i));
                }
                collector.backward(y);
                assertThat(reuse).hasSize(2000);
                return x.getGradient().toFloatArray();
            }
        }
    }
}
