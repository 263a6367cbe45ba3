package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** bench/dcgan and bench/ring option errors: exit code 2 and a message naming the option. */
class StepBenchTest {

    @Test
    void withoutThreadsEachPresetIsTimedWithTheThreadsItTrainsWith() {
        // The MLP presets train on one thread; dcgan-mnist leaves it at 0, every processor.
        assertThat(GantryStepper.presetThreads("pacgan-ring")).isEqualTo(1);
        assertThat(GantryStepper.presetThreads("dcgan-mnist")).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void theSpinLineCountsStepsByTheirSpinCount() {
        Map<Long, Integer> counts = new TreeMap<>(Map.of(1000L, 30, 300_000L, 170));
        assertThat(StepBench.spinLine(counts, "adaptive"))
                .isEqualTo("- libgomp's spin count at the start of Gantry's 200 timed steps: 1,000 spins in 30, "
                        + "300,000 spins in 170 (adaptive).");
        assertThat(StepBench.spinLine(Map.of(-1L, 200), "fixed")).isEqualTo("- libgomp's spin count (Gantry): fixed.");
    }

    @Test
    void anUnknownPeerAllocatorIsAnError() {
        assertThat(errorOf("--peer-allocator", "tcmalloc")).contains("--peer-allocator tcmalloc is not known: same or defaults");
    }

    @Test
    void cpuPinsOneThreadPerSideOnACpuThisProcessMayUse(@TempDir Path empty) {
        assertThat(errorOf("--preset", "pacgan-ring", "--threads", "2", "--cpu", "0"))
                .contains("--cpu pins the one thread of each side's step: it needs --threads 1 (now 2)");
        assertThat(errorOf("--preset", "pacgan-ring", "--cpu", "4096"))
                .contains("--cpu 4096 is not a CPU this process may run on: [0");
        assertThat(errorOf("--threads", "1", "--cpu", "0", "--baseline", empty.toString()))
                .contains("--cpu cannot pin the step of a --baseline checkout");
    }

    @Test
    void aBaselineThatIsNoCheckoutIsAnError(@TempDir Path empty) {
        assertThat(errorOf("--baseline", empty.toString())).contains("--baseline " + empty)
                .contains("is not a Gantry checkout (it has no bench/pom.xml)");
    }

    @Test
    void aBaselineThatIsThisCheckoutIsAnError(@TempDir Path checkout) throws Exception {
        Files.createDirectories(checkout.resolve("bench"));
        Files.writeString(checkout.resolve("bench/pom.xml"), "<project/>");
        String old = System.getProperty("gantry.home");
        System.setProperty("gantry.home", checkout.toString());
        try {
            assertThat(errorOf("--baseline", checkout.resolve("bench/..").toString()))
                    .contains("is this checkout: give another one");
        } finally {
            if (old == null) {
                System.clearProperty("gantry.home");
            } else {
                System.setProperty("gantry.home", old);
            }
        }
    }

    @Test
    void aBaselineExcludesNoPeerAndGames(@TempDir Path empty) {
        assertThat(errorOf("--baseline", empty.toString(), "--no-peer"))
                .contains("--baseline is a peer: it excludes --no-peer and --games");
        assertThat(errorOf("--baseline", empty.toString(), "--games", "standard,d2gan"))
                .contains("--baseline is a peer: it excludes --no-peer and --games");
    }

    @Test
    void onlyTheCountedPresetsAreTimedAndTheRingHasNoBaselineOrGames(@TempDir Path empty) {
        assertThat(errorOf("--preset", "grid")).contains("--preset grid is not timed by this bench: dcgan-mnist or"
                + " pacgan-ring");
        assertThat(errorOf("--preset", "pacgan-ring", "--baseline", empty.toString()))
                .contains("--baseline and --games time dcgan-mnist only, not --preset pacgan-ring");
        assertThat(errorOf("--preset", "pacgan-ring", "--games", "standard"))
                .contains("--baseline and --games time dcgan-mnist only, not --preset pacgan-ring");
    }

    @Test
    void aBadOverrideIsRefusedWithItsKeyBeforeAnythingRuns() {
        assertThat(errorOf("--preset", "pacgan-ring", "--no-peer", "--set", "g.optimizer=adamw"))
                .contains("g.optimizer").contains("djl-adam");
        assertThat(errorOf("--set", "g.optimizer=djl-adam", "--games", "standard"))
                .contains("--set changes the Gantry side of a comparison");
        assertThat(errorOf("--preset", "pacgan-ring", "--versus", "d.optimizer=adamw"))
                .contains("d.optimizer").contains("djl-adam").contains("(in --versus)");
        assertThat(errorOf("--versus", "d.optimizer=sgd", "--no-peer"))
                .contains("--versus times two configurations against each other");
    }

    private static String errorOf(String... args) {
        Path mnist = Path.of(System.getProperty("gantry.shared", "../shared"), "data", "mnist").toAbsolutePath();
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--mnist=" + mnist;
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            assertThat(new CommandLine(new StepBench()).execute(all)).isEqualTo(2);
        } finally {
            System.setErr(old);
        }
        return errors.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPeerOnTheReferenceBlasIsNamedAsSuchAndWarnedOf() throws Exception {
        // The worker's wording is what the bench looks for.
        String worker = Files.readString(Path.of("python/step_worker.py"), StandardCharsets.UTF_8);
        assertThat(worker).contains("REFERENCE_BLAS = \"reference BLAS, unoptimised\"");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(StepBench.warnOfReferenceBlas("PyTorch 1.13.0a0, Python 3.11.2 (ATen AVX2, reference BLAS,"
                    + " unoptimised (/usr/lib/x86_64-linux-gnu/blas/libblas.so.3; ...), convolutions: ATen)")).isTrue();
            assertThat(StepBench.warnOfReferenceBlas("PyTorch 1.13.0a0, Python 3.11.2 (ATen AVX2, OpenBLAS 0.3.21,"
                    + " Haswell kernels, convolutions: ATen)")).isFalse();
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("the PyTorch peer multiplies with the unoptimised reference BLAS")
                .contains("apt-get install libopenblas0").doesNotContain("OpenBLAS 0.3.21");
    }
}
