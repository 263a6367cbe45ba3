package org.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.management.ManagementFactory;
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
     * count it sleeps too. Bounds: a spinning thread takes most of a core over 300 ms (at least
     * 150 ms), a sleeping one nothing beyond the JVM's own threads (at most 60 ms).
     */
    @Test
    void theWorkerSpinsAsLongAsTheCountSays() throws InterruptedException {
        TorchEngine.start0();
        assumeThat(LibtorchContext.spinCountChosen()).as("the user set libgomp's wait").isTrue();
        int threads = TorchEngine.threads();
        TorchEngine.start(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.ones(new Shape(1 << 20));
            assertThat(AdaptiveSpin.hold(AdaptiveSpin.SHARED)).isTrue();
            double shortSpin = cpuAfterParallelRegion(a);
            AdaptiveSpin.hold(1L << 40);
            double longSpin = cpuAfterParallelRegion(a);
            AdaptiveSpin.hold(AdaptiveSpin.SHARED);
            double shortAgain = cpuAfterParallelRegion(a);
            assertThat(shortSpin).isLessThan(0.06);
            assertThat(longSpin).isGreaterThan(0.15);
            assertThat(shortAgain).isLessThan(0.06);
        } finally {
            AdaptiveSpin.release();
            TorchEngine.start(threads);
        }
    }

    /** Process CPU seconds, less this thread's, in the 300 ms after one two-thread addition. */
    private static double cpuAfterParallelRegion(NDArray a) throws InterruptedException {
        try (NDArray sum = a.add(a)) {
            assertThat(sum.getFloat(12345)).isEqualTo(2f);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var me = ManagementFactory.getThreadMXBean();
        long process = os.getProcessCpuTime();
        long mine = me.getCurrentThreadCpuTime();
        Thread.sleep(300);
        return ((os.getProcessCpuTime() - process) - (me.getCurrentThreadCpuTime() - mine)) / 1e9;
    }
}
