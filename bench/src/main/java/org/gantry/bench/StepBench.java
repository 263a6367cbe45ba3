package org.gantry.bench;

import static java.util.stream.Collectors.joining;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.config.ConfigException;
import org.gantry.core.engine.Provenance;
import org.gantry.core.engine.TorchEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times a preset's training step (dcgan-mnist, or the PacGAN ring's MLPs) in Gantry and in a peer
 * (the same step in PyTorch, or another Gantry checkout with --baseline) in one invocation and prints
 * a Markdown table (issues 3 and 19; the baseline for issue 16's before/after comparison). The two
 * sides alternate in blocks and never run at the same time: two libtorch thread pools sharing the
 * cores would slow each other down far more than they measure. After the comparison Gantry trains on alone to show its resident memory staying flat.
 */
@Command(name = "bench/dcgan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A training step (dcgan-mnist by default; bench/ring: the PacGAN ring's MLPs): Gantry vs PyTorch "
                + "(or vs another Gantry checkout), ms/step, GFLOP/s, memory; prints a table.")
public final class StepBench implements Callable<Integer> {
    /** Each timed preset's PyTorch peer under bench/python, with the same networks, loss, optimiser and step order. */
    private static final Map<String, String> PEER_SCRIPTS = Map.of("dcgan-mnist", "dcgan_step.py",
            "pacgan-ring", "ring_step.py");
    /** The step count of the first memory reading. */
    static final long EARLY_MEMORY_STEP = 200;
    /**
     * Pause before each block, so that the side that just ran is idle: libgomp's worker threads
     * spin for a while after a parallel region, and Gantry's batch prefetcher may still be filling
     * its queue.
     */
    private static final long SETTLE_MS = 200;
    /** Runs of each noise probe (first-level cache, memory) after each Gantry block. */
    private static final int NOISE_RUNS = 10;
    /**
     * The least time of each side's warm-up (unless --warmup is 0). The JIT compiles Gantry's Java
     * side of a step over its first seconds: after 20 warm-up ring steps (a quarter of a second) its
     * first rounds ran up to a third slower than the later ones, which alone put the IQR over 10 %
     * (docs/RESULTS.md, issue 19, fourteenth session). A training run lasts minutes.
     */
    static final double WARMUP_MIN_MS = 5000;
    /** Length of one run of the loop timed on each CPU. */
    private static final double CPU_SPEED_MS = 20;

    @Option(names = "--preset", description = "The step to time: dcgan-mnist (default) or pacgan-ring.")
    String preset = GantryStepper.PRESET;

    @Option(names = "--rounds", description = "Alternating rounds (default ${DEFAULT-VALUE}).")
    int rounds = 5;

    @Option(names = "--steps-per-round", description = "Steps per side in each round (default ${DEFAULT-VALUE}).")
    int stepsPerRound = 40;

    @Option(names = "--warmup", description = "Untimed warm-up steps per side, at least (default ${DEFAULT-VALUE}); "
            + "unless 0, each side's warm-up also lasts at least " + (int) (WARMUP_MIN_MS / 1000) + " s, while the JIT "
            + "compiles Gantry's side of the step.")
    int warmup = 20;

    @Option(names = "--threads",
            description = "Intra-op threads on both sides; 0 means every available processor (default: the "
                    + "preset's train.threads, as a run of it trains).")
    Integer threads;

    @Option(names = "--mnist", paramLabel = "DIR",
            description = "MNIST IDX files (default: ../shared/data/mnist from the Gantry checkout).")
    Path mnist;

    @Option(names = "--python", description = "Interpreter of the PyTorch peer (default ${DEFAULT-VALUE}).")
    String python = "/usr/bin/python3";

    @Option(names = "--peer-allocator", paramLabel = "same|defaults", description = "glibc allocator settings of the "
            + "PyTorch peer: the same as Gantry's (what its launcher sets; default), or glibc's defaults, as PyTorch's "
            + "users run it. With the defaults PyTorch refaults its freed buffers every step, which a virtual machine "
            + "short of memory can make several times slower.")
    String peerAllocator = "same";

    @Option(names = "--cpu", paramLabel = "N", description = "Pin the thread that runs each side's step to CPU N "
            + "(with --threads 1): the CPUs of a virtual machine can differ in speed, and the scheduler may move an "
            + "unpinned thread between them in mid-run. Gantry's is pinned after the warm-up, so threads it starts "
            + "(the batch prefetcher) keep every CPU. The report times a fixed loop on each CPU either way.")
    Integer cpu;

    @Option(names = "--no-peer", description = "Time Gantry only.")
    boolean noPeer;

    @Option(names = "--baseline", paramLabel = "DIR", description = "Instead of PyTorch, time another Gantry "
            + "checkout as the peer (an older commit, for a before/after comparison); it is built first.")
    Path baseline;

    @Option(names = "--memory-steps", description = "Train Gantry on to this many steps and compare its resident "
            + "memory with that after " + EARLY_MEMORY_STEP + " (default ${DEFAULT-VALUE}; 0 skips).")
    int memorySteps = 2000;

    @Option(names = "--seed", description = "Seed of both sides (default ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--games", split = ",", paramLabel = "GAME,...",
            description = "Instead of the PyTorch comparison, time these games' dcgan-mnist steps in alternating "
                    + "blocks and print each one's cost relative to the first (e.g. standard,d2gan,infogan,ssgan).")
    List<String> games;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Overrides a key of Gantry's configuration "
            + "(repeatable; e.g. --set g.optimizer=djl-adam); the peer runs as before and the table names the "
            + "overrides.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--versus", paramLabel = "KEY=VALUE", description = "Instead of the PyTorch comparison, time the "
            + "step as configured against the step with these overrides as well (repeatable), in alternating blocks "
            + "in one process; e.g. --versus g.optimizer=djl-adam --versus d.optimizer=djl-adam.")
    List<String> versus = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new StepBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("gantry.home", ".")).toAbsolutePath();
        Path data = readsMnist() ? BenchData.mnist(mnist) : null;
        if ((threads == null || threads == 0) && StepFlops.of(preset) != null) {
            threads = threads == null ? GantryStepper.presetThreads(preset) : Runtime.getRuntime().availableProcessors();
        }
        String problem = checkOptions(home, data);
        if (problem != null) {
            System.err.println("bench: " + problem);
            return 2;
        }
        Config config;
        Map<String, Config> alternatives = new LinkedHashMap<>();
        try {
            if (games != null) {
                alternatives.putAll(AlternatingSteps.games(games, data, threads, seed));
            }
            config = configWith(data, sets, List.of());
            if (!versus.isEmpty()) {
                List<String> both = new ArrayList<>(sets);
                both.addAll(versus);
                alternatives.put(sets.isEmpty() ? "as the preset" : String.join(", ", sets), config);
                alternatives.put(String.join(", ", both), configWith(data, sets, versus));
            }
        } catch (ConfigException e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        }
        if (!alternatives.isEmpty()) {
            AlternatingSteps steps = new AlternatingSteps();
            try {
                steps.run(alternatives, threads, warmup, rounds, stepsPerRound, cpu);
            } catch (ConfigException e) {
                System.err.println("bench: " + e.getMessage());
                return 2;
            } catch (IOException e) {
                System.err.println("bench: " + e.getMessage());
                return 1;
            }
            steps.print(System.out, preset, games != null ? "game" : "configuration", threads, warmup, rounds,
                    stepsPerRound);
            return 0;
        }
        String skipped = noPeer ? "--no-peer" : baseline != null ? null : StepPeer.unavailable(python);
        List<Double> gantryTimes = new ArrayList<>();
        List<Double> peerTimes = new ArrayList<>();
        List<Double> noiseTimes = new ArrayList<>();
        List<Double> memoryNoiseTimes = new ArrayList<>();
        Map<Long, Integer> spinAtStep = new TreeMap<>();
        String peerVersion = null;
        String peerName = null;
        String peerSetup = null;
        long lastStep = Math.max(memorySteps, (long) warmup + (long) rounds * stepsPerRound);
        PageFaults gantryFaults = new PageFaults(ProcessHandle.current().pid());
        PageFaults peerFaults = null;
        int gantryWarmup = 0;
        int peerWarmup = 0;
        try (GantryStepper gantry = new GantryStepper(config, threads, memoryMarks(lastStep))) {
            try (StepPeer peer = skipped == null ? startPeer(home, data) : null) {
                if (peer != null) {
                    peerFaults = new PageFaults(peer.pid());
                    peerName = peer.name();
                    peerSetup = peer.setup();
                    peerVersion = peer.version();
                    warnOfReferenceBlas(peerVersion);
                }
                progress("warm-up: at least %d steps and %.0f s per side", warmup, WARMUP_MIN_MS / 1000);
                List<Double> warmupTimes = warmUp(warmup, n -> gantrySteps(gantry, n));
                gantryWarmup = warmupTimes.size();
                pinAfterWarmup(cpu);
                if (peer != null) {
                    settle();
                    peerWarmup = warmUp(warmup, peer::run).size();
                }
                settle();
                double stepMs = warmupTimes.isEmpty() ? 20
                        : Quartiles.of(warmupTimes.subList(warmupTimes.size() / 2, warmupTimes.size())).median();
                NoiseFloor noise = NoiseFloor.calibrated(stepMs, threads);
                MemoryNoise memoryNoise = MemoryNoise.calibrated(stepMs);
                for (int r = 1; r <= rounds; r++) {
                    settle();
                    gantryFaults.begin();
                    gantrySteps(gantry, stepsPerRound, gantryTimes, spinAtStep);
                    gantryFaults.end();
                    settle();
                    noiseTimes.addAll(noise.run(NOISE_RUNS));
                    memoryNoiseTimes.addAll(memoryNoise.run(NOISE_RUNS));
                    if (peer != null) {
                        settle();
                        peerFaults.begin();
                        peerTimes.addAll(peer.run(stepsPerRound));
                        peerFaults.end();
                    }
                    progress("round %d/%d medians: Gantry %.1f ms%s", r, rounds, lastMedian(gantryTimes),
                            peer == null ? "" : String.format(", %s %.1f ms", peerName, lastMedian(peerTimes)));
                }
                noise.close();
            }
            if (memorySteps > 0 && gantry.steps() < memorySteps) {
                progress("memory: Gantry alone to step %,d", memorySteps);
                gantrySteps(gantry, (int) (memorySteps - gantry.steps()), null, null);
            }
            // after the memory marks: its products' buffers would otherwise count as the step's growth
            settle();
            progress("CPU speeds: a fixed loop on each CPU");
            List<Integer> allowed = CpuAffinity.allowed();
            CpuSpeeds speeds = CpuSpeeds.measure(allowed, CPU_SPEED_MS,
                    cpu != null ? String.valueOf(cpu) : allowed.stream().map(String::valueOf).collect(joining(",")));
            progress("SGEMM ceiling: %d products of %d × %d", SgemmCeiling.RUNS, SgemmCeiling.SIZE, SgemmCeiling.SIZE);
            SgemmCeiling ceiling = SgemmCeiling.measure();
            String self = (baseline == null ? "Gantry" : BaselineCheckout.gantryAt(Provenance.gitRevision(home)))
                    + (sets.isEmpty() ? "" : " (" + String.join(", ", sets) + ")");
            StepReport report = new StepReport(StepFlops.of(preset), self, Quartiles.of(gantryTimes), peerName, peerSetup,
                    Quartiles.of(peerTimes), Quartiles.of(noiseTimes), Quartiles.of(memoryNoiseTimes), skipped,
                    CpuPeak.read(), ceiling, threads, gantryFaults.perStep(gantryTimes.size()),
                    peerFaults == null ? Double.NaN : peerFaults.perStep(peerTimes.size()), cpu, speeds);
            report.print(System.out, gantryWarmup, peerWarmup, rounds, stepsPerRound, versions(peerName, peerVersion));
            System.out.println(spinLine(spinAtStep, String.valueOf(TorchEngine.nativeMath().get("openmp_spin_count"))));
            if (memorySteps > 0) {
                report.printMemory(System.out, EARLY_MEMORY_STEP, lastStep, gantry.memorySeries());
            }
        } catch (ConfigException e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("bench: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    /** The preset's configuration with the {@code KEY=VALUE} overrides of --set, then those of --versus. */
    private Config configWith(Path data, List<String> setOverrides, List<String> versusOverrides) {
        ConfigBuilder builder = GantryStepper.builder(preset, data, threads, seed);
        for (String assignment : setOverrides) {
            builder.set(assignment, "--set");
        }
        for (String assignment : versusOverrides) {
            builder.set(assignment, "--versus");
        }
        return builder.build();
    }

    private StepPeer startPeer(Path home, Path data) throws IOException, InterruptedException {
        return baseline != null ? StepPeer.baseline(baseline.toAbsolutePath().normalize(), data, threads, seed)
                : StepPeer.torch(python, home.resolve("bench/python").resolve(PEER_SCRIPTS.get(preset)),
                        data == null ? "-" : data.toString(), threads, seed, peerAllocator.equals("defaults"), cpu);
    }

    /** Every {@value #EARLY_MEMORY_STEP} steps up to the last, so the table shows where memory settles. */
    private static long[] memoryMarks(long lastStep) {
        return LongStream.concat(
                LongStream.rangeClosed(1, lastStep / EARLY_MEMORY_STEP).map(i -> i * EARLY_MEMORY_STEP),
                LongStream.of(lastStep)).distinct().toArray();
    }

    /** Whether the preset trains on MNIST (the ring draws its points itself). */
    private boolean readsMnist() {
        return preset.equals(GantryStepper.PRESET);
    }

    private String checkOptions(Path home, Path data) {
        if (StepFlops.of(preset) == null) {
            return "--preset " + preset + " is not timed by this bench: dcgan-mnist or pacgan-ring";
        }
        if (!peerAllocator.equals("same") && !peerAllocator.equals("defaults")) {
            return "--peer-allocator " + peerAllocator + " is not known: same or defaults";
        }
        if (rounds < 1 || stepsPerRound < 1 || warmup < 0 || threads < 1) {
            return "--rounds, --steps-per-round and --threads must be at least 1, --warmup at least 0";
        }
        if (cpu != null && threads != 1) {
            return "--cpu pins the one thread of each side's step: it needs --threads 1 (now " + threads + ")";
        }
        if (cpu != null && warmup < 1) {
            return "--cpu needs a --warmup of at least 1 step: the thread is pinned after it, so that threads Gantry "
                    + "starts in its first step keep every CPU";
        }
        if (cpu != null && baseline != null) {
            return "--cpu cannot pin the step of a --baseline checkout, which runs in a JVM of its own";
        }
        if (cpu != null) {
            List<Integer> allowed;
            try {
                allowed = CpuAffinity.allowed();
            } catch (IOException e) {
                return "--cpu: cannot read which CPUs this process may use: " + e.getMessage();
            }
            if (!allowed.contains(cpu)) {
                return "--cpu " + cpu + " is not a CPU this process may run on: " + allowed;
            }
        }
        if (!readsMnist() && (baseline != null || games != null)) {
            return "--baseline and --games time dcgan-mnist only, not --preset " + preset;
        }
        if (!sets.isEmpty() && games != null) {
            return "--set changes the Gantry side of a comparison; --games times each game's own configuration";
        }
        if (!versus.isEmpty() && (games != null || baseline != null || noPeer)) {
            return "--versus times two configurations against each other: it excludes --games, --baseline and --no-peer";
        }
        if (baseline != null && (noPeer || games != null)) {
            return "--baseline is a peer: it excludes --no-peer and --games";
        }
        if (baseline != null && !Files.isRegularFile(baseline.resolve("bench/pom.xml"))) {
            return "--baseline " + baseline + " is not a Gantry checkout (it has no bench/pom.xml)";
        }
        if (baseline != null && baseline.toAbsolutePath().normalize().equals(home.normalize())) {
            // Building it would rewrite the jars this JVM is running from.
            return "--baseline " + baseline + " is this checkout: give another one (git worktree add ../before <commit>)";
        }
        if (memorySteps != 0 && memorySteps <= EARLY_MEMORY_STEP) {
            return "--memory-steps must be 0 (skip) or more than " + EARLY_MEMORY_STEP;
        }
        for (String base : readsMnist() ? List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte") : List.<String>of()) {
            if (!Files.isRegularFile(data.resolve(base + ".gz")) && !Files.isRegularFile(data.resolve(base))) {
                return "MNIST not found: " + data + " has no " + base + ".gz; give the directory of the MNIST IDX "
                        + "files with --mnist DIR";
            }
        }
        return null;
    }

    /** Runs a number of steps of one side; their times in ms. */
    interface Steps {
        List<Double> run(int steps) throws IOException;
    }

    /**
     * One side's warm-up, the same rule for Gantry, the peer and each configuration of --versus:
     * at least {@code warmup} steps and, unless that is 0, {@link #WARMUP_MIN_MS}; the step times.
     */
    static List<Double> warmUp(int warmup, Steps steps) throws IOException {
        List<Double> times = new ArrayList<>(steps.run(warmup));
        while (warmup > 0 && sum(times) < WARMUP_MIN_MS) {
            double stepMs = Math.max(Quartiles.of(times).median(), 0.01);
            times.addAll(steps.run((int) Math.max(1, Math.ceil((WARMUP_MIN_MS - sum(times)) / stepMs))));
        }
        return times;
    }

    private static double sum(List<Double> times) {
        return times.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** {@code steps} steps of Gantry; their times in ms. */
    private static List<Double> gantrySteps(GantryStepper gantry, int steps) {
        List<Double> times = new ArrayList<>(steps);
        gantrySteps(gantry, steps, times, null);
        return times;
    }

    /** Runs steps, adding each one's time to {@code times} and its starting spin count to {@code spins} (either may be null). */
    private static void gantrySteps(GantryStepper gantry, int steps, List<Double> times, Map<Long, Integer> spins) {
        for (int i = 0; i < steps; i++) {
            long spin = spins != null ? TorchEngine.openMpSpinCount() : -1;
            double ms = gantry.timedStep();
            if (times != null) {
                times.add(ms);
            }
            if (spins != null) {
                spins.merge(spin, 1, Integer::sum);
            }
        }
    }

    /**
     * Which spin count Gantry's timed steps started with: it lengthens when no other process is busy
     * (a peer's block ends a few hundred milliseconds before Gantry's next starts).
     */
    static String spinLine(Map<Long, Integer> counts, String how) {
        if (counts.isEmpty() || counts.containsKey(-1L)) {
            return "- libgomp's spin count (Gantry): " + how + ".";
        }
        int all = counts.values().stream().mapToInt(Integer::intValue).sum();
        String split = counts.entrySet().stream()
                .map(e -> String.format("%,d spins in %d", e.getKey(), e.getValue()))
                .collect(joining(", "));
        return "- libgomp's spin count at the start of Gantry's " + all + " timed steps: " + split + " (" + how + ").";
    }

    /**
     * A peer on netlib's reference BLAS (what Debian's python3-torch gets when no optimised BLAS is
     * installed) multiplies about ten times slower than on OpenBLAS, so a ratio against it says
     * nothing about Gantry: said before the first step, not only in the report's last line.
     */
    static boolean warnOfReferenceBlas(String peerVersion) {
        boolean reference = peerVersion.contains("reference BLAS");
        if (reference) {
            System.err.println("bench: warning: the PyTorch peer multiplies with the unoptimised reference BLAS ("
                    + peerVersion + "); its step times are not a fair comparison: install OpenBLAS (Debian: "
                    + "apt-get install libopenblas0) and run again");
        }
        return reference;
    }

    private String versions(String peerName, String peerVersion) {
        Map<String, Object> math = TorchEngine.nativeMath();
        String gantry = String.format("Gantry: libtorch %s via DJL %s, Java %s (ATen %s, %s: %s; kernels chosen %s; "
                + "convolutions: %s; allocator %s)", TorchEngine.libtorchVersion(), TorchEngine.djlVersion(),
                System.getProperty("java.version"), math.get("cpu_capability"), math.get("blas"),
                math.get("blas_code_path"), math.get("blas_kernel_choice"), math.get("convolutions"),
                Provenance.allocator());
        if (peerVersion == null) {
            return gantry;
        }
        return gantry + "; peer: " + peerVersion + " (" + (baseline != null ? peerName + ", " + baseline : python) + ")";
    }

    private double lastMedian(List<Double> times) {
        return Quartiles.of(times.subList(times.size() - stepsPerRound, times.size())).median();
    }

    /**
     * Pins the calling (stepping) thread to {@code cpu}, if one is given. After the warm-up, because a
     * thread inherits the CPUs of the thread that starts it, and Gantry starts its batch prefetcher in
     * the first step: pinned before, the prefetcher would share the step's CPU, which no training run does.
     */
    static void pinAfterWarmup(Integer cpu) throws IOException {
        if (cpu != null) {
            CpuAffinity.pinCurrentThread(String.valueOf(cpu));
        }
    }

    static void settle() throws InterruptedException {
        Thread.sleep(SETTLE_MS);
    }

    /** Progress goes to stderr so that stdout holds only the report. */
    private static void progress(String format, Object... args) {
        System.err.printf(format + "%n", args);
    }
}
