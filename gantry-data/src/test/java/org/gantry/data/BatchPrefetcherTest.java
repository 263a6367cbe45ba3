package org.gantry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.gantry.config.ConfigException;
import org.gantry.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class BatchPrefetcherTest {
    /** 10 labelled 1×1×2 images, pixel bytes 2i and 2i + 1, label i mod 3. */
    static ImageDataset images() {
        byte[] px = new byte[20];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            px[2 * i] = (byte) (2 * i);
            px[2 * i + 1] = (byte) (2 * i + 1);
            labels[i] = i % 3;
        }
        return new ImageDataset("tiny", px, new int[] {1, 1, 2}, labels);
    }

    /** Wraps a data set, counting fills and failing the one numbered {@code failAt} (from 1). */
    static final class Probe implements Dataset {
        final Dataset inner;
        final int failAt;
        final AtomicInteger fills = new AtomicInteger();

        Probe(Dataset inner, int failAt) {
            this.inner = inner;
            this.failAt = failAt;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public int size() {
            return inner.size();
        }

        @Override
        public int[] exampleShape() {
            return inner.exampleShape();
        }

        @Override
        public void fill(int[] indices, float[] out) {
            if (fills.incrementAndGet() == failAt) {
                throw new ConfigException("image 7 is unreadable");
            }
            inner.fill(indices, out);
        }
    }

    @Test
    void batchesAreThoseOfTheSynchronousLoop() {
        Dataset data = images();
        EpochSampler reference = new EpochSampler(data.size(), new Rng(11));
        try (BatchPrefetcher p = new BatchPrefetcher(data, new EpochSampler(data.size(), new Rng(11)), 4)) {
            float[] expected = new float[4 * 2];
            for (int step = 0; step < 25; step++) { // 100 examples: ten epochs, batches crossing epoch ends
                int[] idx = reference.next(4);
                data.fill(idx, expected);
                float[] got = p.next();
                assertThat(got).as("step %d", step).containsExactly(expected);
                assertThat(p.indices()).containsExactly(idx);
                for (int i = 0; i < 4; i++) {
                    assertThat(p.labels()[i]).isEqualTo(idx[i] % 3);
                }
            }
            assertThat(p.saveState()).containsExactly(reference.saveState());
        }
    }

    @Test
    void buffersAreRecycled() {
        try (BatchPrefetcher p = new BatchPrefetcher(images(), new EpochSampler(10, new Rng(1)), 3, 2)) {
            Set<float[]> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int i = 0; i < 30; i++) {
                seen.add(p.next());
            }
            assertThat(seen).hasSize(3); // depth 2 ahead plus the one held
        }
    }

    @Test
    void savedStateExcludesBatchesPreparedAheadAndRestoresExactly() throws InterruptedException {
        Probe data = new Probe(images(), -1);
        byte[] state;
        float[][] rest = new float[7][];
        try (BatchPrefetcher p = new BatchPrefetcher(data, new EpochSampler(10, new Rng(5)), 3, 2)) {
            for (int i = 0; i < 5; i++) {
                p.next();
            }
            while (data.fills.get() < 7) { // the worker has run two batches ahead
                Thread.sleep(1);
            }
            state = p.saveState();
            for (int i = 0; i < rest.length; i++) {
                rest[i] = p.next().clone();
            }
        }
        EpochSampler restored = new EpochSampler(10, new Rng(999));
        restored.restoreState(state);
        try (BatchPrefetcher q = new BatchPrefetcher(images(), restored, 3)) {
            for (float[] expected : rest) {
                assertThat(q.next()).containsExactly(expected);
            }
        }
        BatchPrefetcher fresh = new BatchPrefetcher(images(), new EpochSampler(10, new Rng(5)), 3);
        assertThat(fresh.saveState()).containsExactly(new EpochSampler(10, new Rng(5)).saveState());
        fresh.close();
    }

    @Test
    void aFailureOnTheWorkerReachesTheCaller() {
        Probe data = new Probe(images(), 3);
        try (BatchPrefetcher p = new BatchPrefetcher(data, new EpochSampler(10, new Rng(2)), 2)) {
            p.next();
            p.next();
            assertThatThrownBy(p::next).isInstanceOf(ConfigException.class).hasMessage("image 7 is unreadable");
            assertThatThrownBy(p::next).isInstanceOf(ConfigException.class);
        }
        assertThat(data.fills.get()).isEqualTo(3); // nothing prepared after the failure
    }

    @Test
    void closeStopsTheWorkerWhetherWaitingOrNot() throws InterruptedException {
        BatchPrefetcher idle = new BatchPrefetcher(images(), new EpochSampler(10, new Rng(3)), 2);
        Thread worker = idle.worker();
        assertThat(worker.isDaemon()).isTrue();
        Thread.sleep(20); // let it fill every buffer and block
        idle.close();
        assertThat(worker.isAlive()).isFalse();
        idle.close(); // idempotent
        assertThatThrownBy(idle::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");

        BatchPrefetcher busy = new BatchPrefetcher(images(), new EpochSampler(10, new Rng(3)), 2);
        busy.next();
        busy.close(); // possibly mid-batch
        assertThat(busy.worker().isAlive()).isFalse();
    }

    @Test
    void unlabelledDataHasNoBatchLabels() {
        Dataset points = new PointDataset("pts", new float[] {1, 2, 3, 4}, 2, null);
        try (BatchPrefetcher p = new BatchPrefetcher(points, new EpochSampler(2, new Rng(1)), 1)) {
            assertThatThrownBy(p::indices).hasMessageContaining("next()");
            assertThat(p.next()).hasSize(2);
            assertThatThrownBy(p::labels).isInstanceOf(IllegalStateException.class).hasMessageContaining("pts");
        }
    }
}
