package org.gantry.core.engine;

import java.io.IOException;

/**
 * Lets libtorch's idle OpenMP threads spin long while this process has its CPUs to itself, and
 * sleep soon while other processes use them.
 *
 * <p>Why: between two parallel regions of a training step the main thread works alone (dispatch,
 * small operations, autograd, Java). A worker that spins through that gap starts the next region at
 * once; one that went to sleep must be woken by the kernel first. On dcgan-mnist with two threads
 * on the Zen 5, libgomp's own 300,000 spins made the step 7-10 % faster than Gantry's 1,000
 * (docs/RESULTS.md, issue 19, eighteenth session). But two trainings side by side on the same cores
 * with long spins spend their time spinning against each other: each then ran at a tenth of its
 * speed alone, against two thirds with the short spin ("Under contention"). libgomp reads its spin
 * count once, so {@link LibtorchContext#sleepWhenIdle} starts it short, and this watcher lengthens it
 * while {@link CpuCompetition} sees no other process busy on the CPUs that libtorch's threads need:
 * after {@link #QUIET_WINDOWS} quiet windows of {@link #WINDOW_MS}, and back to short within a window
 * of seeing one.
 *
 * <p>The spin count decides when an idle thread sleeps, never what any thread computes: results are
 * bit-identical whatever it is. A user who sets {@code GOMP_SPINCOUNT} or {@code OMP_WAIT_POLICY}
 * gets libgomp's behaviour for that setting, and nothing watches.
 */
final class AdaptiveSpin {
    /** libgomp's own default, what it spins where {@code GOMP_SPINCOUNT} is unset. */
    static final long ALONE = 300_000;
    static final long SHARED = Long.parseLong(LibtorchContext.SPIN_COUNT);
    static final long WINDOW_MS = 200;
    static final int QUIET_WINDOWS = 2;
    /**
     * Other processes' use of these CPUs, in CPUs, from which they count as competing. Gantry training
     * alone on the Zen 5 read at most 0.32 in 300 windows of 250 ms, and 0.20 in 99 % of them (ticks
     * are coarse, and kernel threads count); one busy process reads about 1.
     */
    static final double COMPETING = 0.35;

    private static String state = "libgomp's spin count as set at start-up";
    private static boolean held;
    private static OpenMpSpinCount spin;

    private AdaptiveSpin() {}

    /**
     * Starts the watcher once libgomp is loaded, where Gantry chose the spin count (the user set no
     * OpenMP wait setting) and the library's spin count can be found.
     */
    static synchronized void start() {
        if (spin != null) {
            return;
        }
        if (!LibtorchContext.spinCountChosen()) {
            state = "libgomp's, from the user's setting (OMP_WAIT_POLICY=" + System.getenv("OMP_WAIT_POLICY")
                    + ", GOMP_SPINCOUNT=" + System.getenv("GOMP_SPINCOUNT") + ")";
            return;
        }
        OpenMpSpinCount.Located located = OpenMpSpinCount.locate(SHARED);
        if (located.spin() == null) {
            state = SHARED + " spins, fixed (" + located.missing() + ")";
            return;
        }
        CpuCompetition competition;
        try {
            competition = CpuCompetition.ofThisProcess();
        } catch (IOException | RuntimeException e) {
            state = SHARED + " spins, fixed (cannot watch the CPUs: " + e.getMessage() + ")";
            return;
        }
        spin = located.spin();
        state = "adaptive: " + ALONE + " spins while other processes leave libtorch's threads their CPUs, " + SHARED
                + " while they do not (checked every " + WINDOW_MS + " ms)";
        Thread watcher = new Thread(() -> watch(competition), "gantry-openmp-spin");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** How libgomp's spin count is chosen in this process, for provenance. */
    static synchronized String state() {
        return state;
    }

    /** The spin count libgomp waits with now, or -1 where it cannot be read. */
    static synchronized long current() {
        return spin == null ? -1 : spin.get();
    }

    /**
     * Stops the watcher from changing the spin count until {@link #release}, and sets it to
     * {@code spins}: for a test that needs a known count. Returns false where there is no watcher.
     */
    static synchronized boolean hold(long spins) {
        if (spin == null) {
            return false;
        }
        held = true;
        spin.set(spins);
        return true;
    }

    static synchronized void release() {
        held = false;
        if (spin != null) {
            spin.set(SHARED);
        }
    }

    private static void watch(CpuCompetition competition) {
        Policy policy = new Policy();
        try {
            CpuCompetition.Sample last = competition.sample();
            while (true) {
                Thread.sleep(WINDOW_MS);
                CpuCompetition.Sample now = competition.sample();
                int spare = Math.max(0, competition.cpuCount() - TorchEngine.threadsSet());
                long next = policy.next(competition.othersBetween(last, now), spare);
                last = now;
                synchronized (AdaptiveSpin.class) {
                    if (!held && spin.get() != next) {
                        spin.set(next);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            synchronized (AdaptiveSpin.class) {
                spin.set(SHARED);
                state = SHARED + " spins, fixed (the watcher stopped: " + e.getMessage() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The spin count for the next window, from the other processes' use of the CPUs in each window
     * and the CPUs that libtorch's threads leave them: others compete only for what they use beyond
     * those (on two CPUs with two threads, anything from {@link #COMPETING} up).
     */
    static final class Policy {
        private int quiet;

        long next(double othersCpus, int spareCpus) {
            quiet = othersCpus >= spareCpus + COMPETING ? 0 : quiet + 1;
            return quiet >= QUIET_WINDOWS ? ALONE : SHARED;
        }
    }
}
