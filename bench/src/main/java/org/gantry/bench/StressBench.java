package org.gantry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gantry.core.engine.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Hunts the faults that make a training go NaN or stop repeating at random: reads of native memory
 * nobody wrote, memory freed while autograd still needs it, races between threads. Every case is
 * trained in fresh processes whose allocator is poisoned, so such a read shows up as a non-finite or
 * differing value, with a one-megabyte young generation so that garbage collections (which free
 * Java-owned native buffers) fall inside steps. It then compares every run of a case bit for bit.
 *
 * <p>Two poisons alternate between processes, through glibc's {@code MALLOC_PERTURB_}: byte 0x80,
 * which fills fresh allocations with 0x7f bytes (3.4e38 as a float: any use overflows) and freed
 * ones with 0x80; and byte 0xff, which fills freed memory with 0xff bytes (a NaN) and fresh memory
 * with zeros. Allocations up to 32 MiB are kept off mmap (whose pages the kernel zeroes) so that the
 * poison reaches libtorch's tensors, and glibc's malloc checking ({@code glibc.malloc.check=3} with
 * its debugging library) aborts on heap corruption.
 */
@Command(name = "bench/stress", mixinStandardHelpOptions = true,
        description = "Fault hunt: every case in poisoned processes; prints non-finite values and run differences.")
public final class StressBench implements Callable<Integer> {
    static final String[][] POISONS = {{"0x80", "128"}, {"0xff", "255"}};
    private static final String DEBUG_MALLOC = "/lib/x86_64-linux-gnu/libc_malloc_debug.so.0";

    @Option(names = "--mnist", description = "MNIST IDX directory (default: ../shared/data/mnist beside the checkout).")
    Path mnist;

    @Option(names = "--dcgan-runs", description = "Processes that train dcgan-mnist (default ${DEFAULT-VALUE}).")
    int dcganRuns = 50;

    @Option(names = "--dcgan-steps", description = "Steps of each dcgan-mnist run (default ${DEFAULT-VALUE}).")
    int dcganSteps = 60;

    @Option(names = "--repeats", description = "Processes that train every architecture/normalisation/training "
            + "combination (default ${DEFAULT-VALUE}).")
    int repeats = 2;

    @Option(names = "--cases", paramLabel = "REGEX", description = "Only the combinations whose name "
            + "(architecture/normalisation/training, e.g. .*/infogan) matches (default: all).")
    String cases = ".*";

    @Option(names = "--steps", description = "Steps of each combination (default ${DEFAULT-VALUE}).")
    int steps = 20;

    @Option(names = "--threads", description = "libtorch threads per process (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", description = "Where each process's output goes (default ${DEFAULT-VALUE}).")
    Path out = Path.of("bench", "out", "stress", String.valueOf(System.currentTimeMillis()));

    public static void main(String[] args) {
        System.exit(new CommandLine(new StressBench()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (dcganRuns < 0 || repeats < 0 || steps < 1 || dcganSteps < 1 || threads < 1) {
            System.err.println("bench: --dcgan-runs and --repeats must be at least 0, --steps, --dcgan-steps and "
                    + "--threads at least 1");
            return 2;
        }
        Path data = mnist != null ? mnist : Path.of(System.getProperty("gantry.home", "."), "..", "shared", "data",
                "mnist").normalize();
        if (!Files.isDirectory(data)) {
            System.err.println("bench: no MNIST directory at " + data + "; give --mnist DIR");
            return 2;
        }
        Files.createDirectories(out);
        System.out.printf("bench/stress on %s, %d thread(s) per process; output in %s%n", Provenance.cpu(), threads,
                out);
        String probe = run("probe", 0, List.of("probe")).stream().filter(l -> l.startsWith(StressTrial.PROBE))
                .findFirst().orElse(StressTrial.PROBE + " 0 -1 -1 -1");
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        List<String> combos = StressCases.combinations().stream().filter(n -> n.matches(cases)).toList();
        for (int r = 0; r < repeats; r++) {
            List<String> args = new ArrayList<>(List.of(data.toString(), String.valueOf(steps), String.valueOf(threads)));
            args.addAll(combos);
            collect(runs, run("combinations-" + r, r, args), POISONS[r % 2][0]);
            System.out.printf("combinations: process %d of %d done%n", r + 1, repeats);
        }
        for (int r = 0; r < dcganRuns; r++) {
            collect(runs, run("dcgan-mnist-" + r, r, List.of(data.toString(), String.valueOf(dcganSteps),
                    String.valueOf(threads), StressCases.DCGAN_MNIST)), POISONS[r % 2][0]);
            if ((r + 1) % 10 == 0 || r + 1 == dcganRuns) {
                System.out.printf("dcgan-mnist: process %d of %d done%n", r + 1, dcganRuns);
            }
        }
        String table = StressReport.format(probe, runs, combos, repeats, dcganRuns);
        System.out.print(table);
        Files.writeString(out.resolve("stress.md"), table, StandardCharsets.UTF_8);
        return StressReport.clean(runs, combos, repeats, dcganRuns) ? 0 : 1;
    }

    /** One case's run in one process: whether it stayed finite, its loss bits, and the poison it ran under. */
    record Run(String verdict, String trace, String poison) {}

    private static void collect(Map<String, List<Run>> runs, List<String> lines, String poison) {
        for (String line : lines) {
            if (line.startsWith(StressTrial.TRACE + " ")) {
                String[] p = line.split(" ", 4);
                runs.computeIfAbsent(p[1], k -> new ArrayList<>()).add(new Run(p[2], p.length > 3 ? p[3] : "", poison));
            }
        }
    }

    /** Starts one poisoned child process and returns its standard output's lines (its log goes to --out). */
    private List<String> run(String name, int index, List<String> args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(List.of("-XX:+UseSerialGC", "-Xmn1m", "-Xmx2g",
                "-Djava.awt.headless=true"), System.getProperty("java.class.path"), StressTrial.class.getName(), args));
        Map<String, String> env = pb.environment();
        LauncherAllocator.removeFrom(env);
        env.put("MALLOC_PERTURB_", POISONS[index % 2][1]);
        String tunables = "glibc.malloc.mmap_threshold=33554432";
        if (Files.exists(Path.of(DEBUG_MALLOC))) {
            env.put("LD_PRELOAD", DEBUG_MALLOC);
            tunables += ":glibc.malloc.check=3";
        }
        env.put("GLIBC_TUNABLES", tunables);
        Path log = out.resolve(name + ".log");
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        int code = pb.start().waitFor();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        if (code != 0) {
            lines.add(StressTrial.TRACE + " process-" + name + " exit-" + code + " ");
        }
        return lines;
    }
}
