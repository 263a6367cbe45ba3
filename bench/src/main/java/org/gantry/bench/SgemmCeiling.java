package org.gantry.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.gantry.core.engine.TorchEngine;

/**
 * The fastest single-precision matrix product this process reaches: square products through
 * libtorch (oneMKL's SGEMM, with the kernels Gantry's engine chose) on the engine's threads, the
 * best of several. It is the measured ceiling a training step's FLOPs are read against: the nominal
 * {@link CpuPeak} ignores the boost clock and cannot know every core's vector units, while a large
 * square SGEMM is about the most a tuned library gets out of these cores at the clock they run at.
 *
 * @param size    the matrices' side
 * @param runs    timed products
 * @param threads the engine's intra-op threads when they were timed
 * @param bestMs  the fastest product's time
 */
record SgemmCeiling(int size, int runs, int threads, double bestMs) {
    static final int SIZE = 1536;
    static final int RUNS = 10;
    private static final int WARMUP = 3;

    /** Times {@link #RUNS} products of {@link #SIZE}-square matrices on the engine's current threads. */
    static SgemmCeiling measure() {
        return measure(SIZE, RUNS);
    }

    static SgemmCeiling measure(int size, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("the SGEMM ceiling needs at least one timed product, not " + runs);
        }
        List<Double> times = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(size, size));
            NDArray b = manager.randomUniform(-1, 1, new Shape(size, size));
            for (int i = 0; i < WARMUP + runs; i++) {
                // each product and the scalar read back are freed at once, not at the end
                try (NDManager scope = manager.newSubManager()) {
                    long start = System.nanoTime();
                    NDArray c = a.matMul(b);
                    c.attach(scope);
                    c.getFloat(0, 0);
                    if (i >= WARMUP) {
                        times.add((System.nanoTime() - start) / 1e6);
                    }
                }
            }
        }
        return of(size, TorchEngine.threads(), times);
    }

    /** The ceiling of products of {@code size}-square matrices timed at {@code times} ms. */
    static SgemmCeiling of(int size, int threads, List<Double> times) {
        return new SgemmCeiling(size, times.size(), threads, Collections.min(times));
    }

    /** GFLOP/s of the fastest product: 2·n³ FLOPs. */
    double gflops() {
        return 2.0 * size * size * (double) size / (bestMs / 1000) / 1e9;
    }
}
