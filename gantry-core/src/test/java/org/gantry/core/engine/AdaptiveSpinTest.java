package org.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdaptiveSpinTest {

    @Test
    void longSpinOnlyAfterTwoQuietWindowsAndShortAtTheFirstBusyOne() {
        AdaptiveSpin.Policy policy = new AdaptiveSpin.Policy();
        assertThat(policy.next(0.0, 0)).isEqualTo(AdaptiveSpin.SHARED);
        assertThat(policy.next(0.1, 0)).isEqualTo(AdaptiveSpin.ALONE);
        assertThat(policy.next(0.34, 0)).isEqualTo(AdaptiveSpin.ALONE);
        assertThat(policy.next(AdaptiveSpin.COMPETING, 0)).isEqualTo(AdaptiveSpin.SHARED);
        assertThat(policy.next(0.0, 0)).isEqualTo(AdaptiveSpin.SHARED);
        assertThat(policy.next(0.0, 0)).isEqualTo(AdaptiveSpin.ALONE);
        assertThat(policy.next(1.0, 0)).isEqualTo(AdaptiveSpin.SHARED);
        assertThat(policy.next(-0.1, 0)).isEqualTo(AdaptiveSpin.SHARED);
    }

    /** On four CPUs with two threads, others may use two without competing. */
    @Test
    void othersCompeteOnlyBeyondTheCpusTheThreadsLeaveThem() {
        AdaptiveSpin.Policy policy = new AdaptiveSpin.Policy();
        policy.next(1.9, 2);
        assertThat(policy.next(2.3, 2)).isEqualTo(AdaptiveSpin.ALONE);
        assertThat(policy.next(2.4, 2)).isEqualTo(AdaptiveSpin.SHARED);
    }

    /**
     * The libtorch that Gantry's build pins ships a libgomp whose spin count Gantry has located; a
     * new libtorch needs its libgomp read again (see {@link OpenMpSpinCount#KNOWN}).
     */
    @Test
    void theShippedLibgompIsRecognisedUnlessTheUserChoseTheSpin() {
        TorchEngine.start0();
        String state = AdaptiveSpin.state();
        assertThat(TorchEngine.nativeMath().get("openmp_spin_count")).isEqualTo(state);
        if (!LibtorchContext.spinCountChosen()) {
            assertThat(state).startsWith("libgomp's, from the user's setting");
            return;
        }
        assertThat(state).startsWith("adaptive: ");
        assertThat(AdaptiveSpin.current()).isIn(AdaptiveSpin.SHARED, AdaptiveSpin.ALONE);
    }

    /**
     * The located variable is the one libgomp waits by: with a count that outlasts the window, the
     * idle OpenMP worker burns CPU after a parallel region while this thread sleeps; with the short
     * count it sleeps too. The worker is told apart from the JVM's threads (a compiler thread can burn
     * a tenth of a second in the window) by its name, which it inherits from the thread that started
     * libgomp's pool. Bounds: a spinning thread takes most of a core over 300 ms (at least 150 ms), a
     * sleeping one nothing (at most 60 ms: six of the kernel's 10 ms ticks).
     */
    @Test
    void theWorkerSpinsAsLongAsTheCountSays() throws InterruptedException, IOException {
        TorchEngine.start0();
        assumeThat(LibtorchContext.spinCountChosen()).as("the user set libgomp's wait").isTrue();
        int threads = TorchEngine.threads();
        TorchEngine.start(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.ones(new Shape(1 << 20));
            assertThat(AdaptiveSpin.hold(AdaptiveSpin.SHARED)).isTrue();
            double shortSpin = workerCpuAfterParallelRegion(a);
            AdaptiveSpin.hold(1L << 40);
            double longSpin = workerCpuAfterParallelRegion(a);
            AdaptiveSpin.hold(AdaptiveSpin.SHARED);
            double shortAgain = workerCpuAfterParallelRegion(a);
            assertThat(shortSpin).isLessThan(0.06);
            assertThat(longSpin).isGreaterThan(0.15);
            assertThat(shortAgain).isLessThan(0.06);
        } finally {
            AdaptiveSpin.release();
            TorchEngine.start(threads);
        }
    }

    /** CPU seconds of libgomp's workers in the 300 ms after one two-thread addition. */
    private static double workerCpuAfterParallelRegion(NDArray a) throws InterruptedException, IOException {
        try (NDArray sum = a.add(a)) {
            assertThat(sum.getFloat(12345)).isEqualTo(2f);
        }
        Map<String, Long> before = workerTicks();
        assertThat(before).as("threads named like this one besides it (libgomp's workers)").isNotEmpty();
        Thread.sleep(300);
        Map<String, Long> after = workerTicks();
        long ticks = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            ticks += e.getValue() - before.getOrDefault(e.getKey(), e.getValue());
        }
        return ticks / 100.0;
    }

    /** User and system ticks of the threads named as this one is, this one left out, by thread id. */
    private static Map<String, Long> workerTicks() throws IOException {
        Path self = Path.of("/proc/thread-self").toRealPath();
        String name = Files.readString(self.resolve("comm")).strip();
        Map<String, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String id = task.getFileName().toString();
                if (id.equals(self.getFileName().toString())) {
                    continue;
                }
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals(name)) {
                        ticks.put(id, CpuCompetition.ownTicks(Files.readString(task.resolve("stat"))));
                    }
                } catch (NoSuchFileException ended) {
                    // a thread that ended between the listing and the read
                }
            }
        }
        return ticks;
    }
}
