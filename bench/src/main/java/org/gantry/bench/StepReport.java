package org.gantry.bench;

import java.io.PrintStream;
import java.util.Map;

/**
 * The Markdown report of bench/dcgan and bench/ring: one row per side and their ratio, then footnotes
 * saying how the steps were timed, how FLOPs and the peak were counted, the CPU, the versions and the
 * memory.
 *
 * @param flops     the timed preset's work per step
 * @param self      what the table calls this side: "Gantry", or "Gantry at" its commit beside a baseline
 * @param peerName  what the table calls the peer ("PyTorch", "Gantry at 25bde41"); null when it was skipped
 * @param peerSetup how the peer's threads are set, for the CPU line; null when it was skipped
 * @param peer      the peer's step times; empty when the peer was skipped
 * @param noise     times of the fixed workload run between the blocks ({@link NoiseFloor})
 * @param memoryNoise times of the fixed memory-bound workload run between the blocks ({@link MemoryNoise})
 * @param skipped   why the PyTorch peer was skipped, or null
 * @param ceiling   the fastest SGEMM of Gantry's process on its threads, the measured ceiling
 * @param faults    minor page faults per timed step of Gantry's whole process ({@link PageFaults}); NaN when unknown
 * @param peerFaults the same for the peer's process; NaN when unknown or skipped
 * @param pinnedCpu the CPU both sides' step threads were pinned to, or null
 * @param speeds    each CPU's time for a fixed loop, measured after the steps
 */
record StepReport(StepFlops flops, String self, Quartiles gantry, String peerName, String peerSetup, Quartiles peer,
        Quartiles noise, Quartiles memoryNoise, String skipped, CpuPeak cpu, SgemmCeiling ceiling, int threads, double faults,
        double peerFaults, Integer pinnedCpu, CpuSpeeds speeds) {

    /** @param gantryWarmup and {@code peerWarmup}: the untimed steps each side took before the rounds */
    void print(PrintStream out, int gantryWarmup, int peerWarmup, int rounds, int stepsPerRound, String versions) {
        double peak = cpu.peakGflops(threads);
        out.println();
        out.printf("%s training step on CPU, batch %d, one D step per G step%n", flops.preset(), flops.batch());
        out.println();
        out.println("| | ms/step (median) | IQR (ms) | steps/s | GFLOP/s | % of peak | % of SGEMM ceiling |");
        out.println("|---|---|---|---|---|---|---|");
        out.println(row(self, gantry, peak));
        if (skipped == null) {
            out.println(row(peerName, peer, peak));
            double speed = peer.median() / gantry.median();
            out.printf("| %s / %s | %.2f | — | %.2f | %.2f | %.2f | %.2f |%n", self, peerName,
                    gantry.median() / peer.median(), speed, speed, speed, speed);
        }
        out.println();
        if (skipped != null) {
            out.println("- PyTorch peer skipped: " + skipped + ".");
        }
        if (skipped == null) {
            out.printf("- Timing: %s, then %d rounds of %d steps alternating the two, each step timed on its own; "
                    + "median and interquartile range (Q1–Q3) over the %d steps per side. The sides never run at "
                    + "the same time.%n", warmupPhrase(gantryWarmup, String.format(" for %s and %d for %s", self,
                            peerWarmup, peerName)), rounds, stepsPerRound, gantry.count());
        } else {
            out.printf("- Timing: %s, then %d × %d steps, each timed on its own; median and interquartile range "
                    + "(Q1–Q3) over the %d steps.%n", warmupPhrase(gantryWarmup, ""), rounds, stepsPerRound,
                    gantry.count());
        }
        out.printf("- Spread (IQR / median): %.1f %% for %s%s; the machine's own at this length: %.1f %% for a fixed "
                + "arithmetic loop in the first-level cache (%.1f ms on %d thread%s, until the slowest is done) and "
                + "%.1f %% for fixed passes over %d MiB (%.1f ms on 1 thread: the shared last-level cache and "
                + "memory, which other processes and tenants use too), %d runs of each between the blocks.%n",
                100 * gantry.iqr() / gantry.median(), self,
                skipped == null ? String.format(", %.1f %% for %s", 100 * peer.iqr() / peer.median(), peerName) : "",
                100 * noise.iqr() / noise.median(), noise.median(), threads, threads == 1 ? "" : "s",
                100 * memoryNoise.iqr() / memoryNoise.median(), MemoryNoise.MIB, memoryNoise.median(),
                noise.count());
        out.printf("- CPUs: the time of one fixed loop of integer work on one thread pinned to each in turn, medians "
                + "of %d after the steps: %s; the slowest took %.0f %% longer than the fastest. %s%n", CpuSpeeds.RUNS,
                speeds.describe(), 100 * speeds.spread(), pinning());
        if (Double.isFinite(faults)) {
            out.printf("- Page faults (minor, whole process, during the timed blocks): %.0f per step for %s%s.%n",
                    faults, self, Double.isFinite(peerFaults) ? String.format(", %.0f for %s", peerFaults, peerName) : "");
        }
        out.printf("- FLOPs: %.2f GFLOP per step = 2 × %d × (4 F_G + 9 F_D), with forward multiply-adds per example "
                + "F_G = %,d and F_D = %,d counted from the layer shapes (dense and convolution layers only; batch "
                + "norm, activations, loss and Adam ignored%s). "
                + "D step: G forward, D forward on real and fake, D backward (2× forward); G step: G forward, "
                + "D forward and backward, G backward (2× forward).%n",
                flops.stepFlops() / 1e9, flops.batch(), flops.generatorForwardMac(), flops.discriminatorForwardMac(),
                flops.hasConvolutions() ? "; up-sample + conv counted at the up-sampled resolution" : "");
        if (flops.gantryStepFlops() < flops.stepFlops()) {
            double ownGflops = flops.gantryStepFlops() / (gantry.median() / 1000) / 1e9;
            out.printf("- Gantry computes each up-sample + 3×3 conv as four 2×2 phase kernels at the low resolution: "
                    + "%.2f GFLOP per step, %.0f %% of the count above, so its GFLOP/s and shares of peak and ceiling "
                    + "are of the network as written (what the peer computes); of its own work: %.1f %% of peak, "
                    + "%.1f %% of the SGEMM ceiling.%n",
                    flops.gantryStepFlops() / 1e9, 100 * flops.gantryStepFlops() / flops.stepFlops(),
                    100 * ownGflops / peak, 100 * ownGflops / ceiling.gflops());
        }
        out.printf("- Peak: %.1f GFLOP/s = %d threads × %.0f MHz (nominal clock from /proc/cpuinfo) × %d FLOPs/cycle "
                + "(%s).%n", peak, threads, cpu.mhz(), cpu.flopsPerCycle(), cpu.isa());
        out.printf("- SGEMM ceiling: %.1f GFLOP/s, the fastest of %d products of two %d × %d single-precision matrices "
                + "through Gantry's libtorch on %d thread%s, measured after the steps: about the most a tuned library "
                + "gets from these cores at the clock they ran at then%s.%n", ceiling.gflops(), ceiling.runs(),
                ceiling.size(), ceiling.size(), ceiling.threads(), ceiling.threads() == 1 ? "" : "s",
                Double.isFinite(peak) ? String.format(" (%.0f %% of the nominal peak)", 100 * ceiling.gflops() / peak)
                        : "");
        out.printf("- CPU: %s, %d threads on each side (%d available processors%s).%n", cpu.model(), threads,
                Runtime.getRuntime().availableProcessors(), peerSetup == null ? "" : "; " + peerSetup);
        out.println("- Versions: " + versions + ".");
    }

    /**
     * The resident memory at the early and late marks and the growth between them, then every mark,
     * so a reader sees where the process settles. The Java heap's committed and used sizes separate
     * the collector sizing its heap from native (libtorch) growth.
     */
    void printMemory(PrintStream out, long earlyStep, long lateStep, Map<Long, GantryStepper.MemorySample> series) {
        GantryStepper.MemorySample early = series.getOrDefault(earlyStep, GantryStepper.MemorySample.NONE);
        GantryStepper.MemorySample late = series.getOrDefault(lateStep, GantryStepper.MemorySample.NONE);
        out.printf("- Memory (%s's JVM, resident): %.1f MiB after %,d steps, %.1f MiB after %,d steps, growth "
                + "%+.1f MiB (%+.2f %%); peak resident %.1f MiB; JVM heap max %.0f MiB.%n", self,
                early.rssMiB(), earlyStep, late.rssMiB(), lateStep, late.rssMiB() - early.rssMiB(),
                100 * (late.rssMiB() - early.rssMiB()) / early.rssMiB(), ResidentMemory.peakMiB(),
                Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
        out.println();
        out.println("| step | resident MiB | heap committed MiB | heap used MiB |");
        out.println("|---:|---:|---:|---:|");
        series.forEach((step, m) -> out.printf("| %,d | %.1f | %.0f | %.0f |%n", step, m.rssMiB(),
                m.heapCommittedMiB(), m.heapUsedMiB()));
    }

    /** "no warm-up (--warmup 0)", or the warm-up steps with {@code sides} after their count. */
    private static String warmupPhrase(int gantryWarmup, String sides) {
        return gantryWarmup == 0 ? "no warm-up (--warmup 0)" : String.format("%d untimed warm-up steps%s (at least "
                + "--warmup and %.0f s a side)", gantryWarmup, sides, StepBench.WARMUP_MIN_MS / 1000);
    }

    private String pinning() {
        if (pinnedCpu != null) {
            return String.format("The step's thread ran pinned to cpu%d on both sides (--cpu %d).", pinnedCpu,
                    pinnedCpu);
        }
        if (threads >= speeds.msByCpu().size()) {
            return "Each side's threads ran on all of them, so each parallel region waited for the slowest.";
        }
        return "No side was pinned (--cpu): the scheduler may have run either side on any of them and moved it "
                + "between them in mid-run.";
    }

    private String row(String name, Quartiles q, double peak) {
        double gflops = flops.stepFlops() / (q.median() / 1000) / 1e9;
        return String.format("| %s | %.1f | %.1f (%.1f–%.1f) | %.2f | %.1f | %.1f %% | %.1f %% |", name, q.median(),
                q.iqr(), q.q1(), q.q3(), 1000 / q.median(), gflops, 100 * gflops / peak, 100 * gflops / ceiling.gflops());
    }
}
