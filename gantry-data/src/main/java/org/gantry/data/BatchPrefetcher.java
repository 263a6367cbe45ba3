package org.gantry.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;

/**
 * Prepares training batches on a background thread a few batches ahead, so the training step does
 * not wait for index drawing or pixel conversion. A fixed set of buffers circulates between the
 * worker and the consumer; nothing batch-sized is allocated per step.
 *
 * <p>Contract:
 * <ul>
 *   <li>The batches {@link #next()} returns are exactly, and in the same order, those that
 *       {@code sampler.next(batchSize)} followed by {@code data.fill(indices, out)} would give when
 *       called synchronously.
 *   <li>The array {@link #next()} returns, and those of {@link #labels()} and {@link #indices()},
 *       belong to the prefetcher: they hold the last batch until the following {@link #next()} or
 *       {@link #close()}. Copy them to keep them.
 *   <li>The prefetcher owns the sampler from construction on; use it no further.
 *   <li>{@link #saveState()} is the sampler state after the batches returned so far; batches
 *       prepared ahead but not yet returned do not count. Restoring it into an
 *       {@link EpochSampler} and wrapping that in a new prefetcher continues the same sequence.
 *   <li>An exception thrown while preparing a batch is rethrown, as it is, by the {@link #next()}
 *       call that would have returned that batch, and by every later call.
 *   <li>One consumer thread; {@link #close()} stops the worker and returns once it has ended.
 * </ul>
 */
public final class BatchPrefetcher implements AutoCloseable {
    /** Batches prepared ahead by default: one being consumed, two waiting covers a slow step. */
    public static final int DEFAULT_DEPTH = 2;

    /** One circulating buffer: a batch and the sampler state right after its indices were drawn. */
    private static final class Batch {
        final int[] indices;
        final float[] examples;
        final int[] labels;
        byte[] samplerStateAfter;
        Throwable failure;

        Batch(int batchSize, int exampleLength, boolean labelled) {
            indices = new int[batchSize];
            examples = new float[batchSize * exampleLength];
            labels = labelled ? new int[batchSize] : null;
        }
    }

    private final Dataset data;
    private final EpochSampler sampler;
    private final BlockingQueue<Batch> free;
    private final BlockingQueue<Batch> ready;
    private final Thread worker;
    private final int batchSize;
    private Batch current;
    private byte[] samplerState;
    private Throwable failure;
    private boolean closed;

    /** Prefetches {@value #DEFAULT_DEPTH} batches ahead. */
    public BatchPrefetcher(Dataset data, EpochSampler sampler, int batchSize) {
        this(data, sampler, batchSize, DEFAULT_DEPTH);
    }

    /**
     * @param sampler the order to draw in, e.g. restored from {@link #saveState()}; owned from now on
     * @param depth batches prepared ahead of the one the consumer holds, at least 1
     */
    public BatchPrefetcher(Dataset data, EpochSampler sampler, int batchSize, int depth) {
        if (batchSize <= 0 || depth <= 0) {
            throw new IllegalArgumentException("batch size and depth must be positive");
        }
        this.data = data;
        this.sampler = sampler;
        this.batchSize = batchSize;
        this.free = new ArrayBlockingQueue<>(depth + 1);
        this.ready = new ArrayBlockingQueue<>(depth + 1);
        for (int i = 0; i < depth + 1; i++) {
            free.add(new Batch(batchSize, data.exampleLength(), data.hasLabels()));
        }
        this.samplerState = sampler.saveState();
        this.worker = new Thread(this::prepareBatches, "gantry-batches-" + data.name());
        worker.setDaemon(true); // never keeps the JVM alive, even if a caller forgets close()
        worker.start();
    }

    public int batchSize() {
        return batchSize;
    }

    /**
     * The next batch, {@code batchSize × exampleLength} floats; valid until the following call.
     * Blocks only when the worker has fallen behind.
     *
     * @throws IllegalStateException after {@link #close()}
     * @throws CancellationException when the calling thread is interrupted while waiting
     */
    public float[] next() {
        if (closed) {
            throw new IllegalStateException("batch prefetcher for " + data.name() + " is closed");
        }
        if (failure != null) {
            throw rethrow(failure);
        }
        if (current != null) {
            free.add(current); // never full: it has room for every buffer
            current = null;
        }
        Batch b;
        try {
            b = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the next batch of " + data.name());
        }
        if (b.failure != null) {
            failure = b.failure;
            throw rethrow(failure);
        }
        current = b;
        samplerState = b.samplerStateAfter;
        return b.examples;
    }

    /** Data set indices of the batch {@link #next()} last returned; valid until the following call. */
    public int[] indices() {
        return currentBatch().indices;
    }

    /** Class labels of the batch {@link #next()} last returned; only for data sets with labels. */
    public int[] labels() {
        if (!data.hasLabels()) {
            throw new IllegalStateException(data.name() + " has no labels");
        }
        return currentBatch().labels;
    }

    /** The sampler state after the batches returned so far, for a checkpoint. */
    public byte[] saveState() {
        return samplerState.clone();
    }

    /** Stops the worker and waits for it to end; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        worker.interrupt();
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true; // finish waiting: the buffers must be ours again before we return
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The worker thread, for tests that check it stops. */
    Thread worker() {
        return worker;
    }

    private Batch currentBatch() {
        if (current == null) {
            throw new IllegalStateException("no batch yet: call next() first");
        }
        return current;
    }

    private void prepareBatches() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Batch b = free.take();
                try {
                    sampler.next(b.indices);
                    b.samplerStateAfter = sampler.saveState();
                    data.fill(b.indices, b.examples);
                    if (b.labels != null) {
                        for (int i = 0; i < b.indices.length; i++) {
                            b.labels[i] = data.label(b.indices[i]);
                        }
                    }
                } catch (RuntimeException | Error e) {
                    b.failure = e;
                    ready.put(b);
                    return; // the sampler may be mid-batch: nothing after this batch is valid
                }
                ready.put(b);
            }
        } catch (InterruptedException e) {
            // close(): stop quietly
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return (RuntimeException) t;
    }
}
