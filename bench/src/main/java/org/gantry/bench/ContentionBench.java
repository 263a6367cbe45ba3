package org.gantry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gantry.core.engine.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Two trainings sharing the machine: the default preset's step rate for one process alone and for
 * two side by side, with libgomp's own busy-wait (what Gantry had), with Gantry's short one, and
 * with one thread per process. A run sharing the machine should slow in proportion to its share.
 */
@Command(name = "bench/contention", mixinStandardHelpOptions = true,
        description = "Step rate of one training alone and of two side by side, per thread setting; a table.")
public final class ContentionBench implements Callable<Integer> {
    @Option(names = "--steps", description = "Timed steps per process, after 100 warm-up steps (default ${DEFAULT-VALUE}).")
    int steps = 500;

    @Option(names = "--repeats", description = "Measurements of each cell; the table gives their median "
            + "(default ${DEFAULT-VALUE}).")
    int repeats = 3;

    @Option(names = "--spin-counts", split = ",", paramLabel = "N,...", description = "Instead of the busy-wait and "
            + "one-thread rows, one row per libgomp spin count given (GOMP_SPINCOUNT, all cores), beside Gantry's default.")
    List<Long> spinCounts = List.of();

    /** Name, GOMP_SPINCOUNT for the child (null: leave it to Gantry), threads per process (0: all cores). */
    record Setting(String name, String spinCount, int threads) {}

    static final List<Setting> SETTINGS = List.of(
            new Setting("all cores, libgomp's busy-wait (before)", "300000", 0),
            new Setting("all cores, Gantry's default (after)", null, 0),
            new Setting("one thread per process", null, 1));

    public static void main(String[] args) {
        System.exit(new CommandLine(new ContentionBench()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (steps < 1 || repeats < 1 || spinCounts.stream().anyMatch(n -> n < 0)) {
            System.err.println("bench: --steps and --repeats must be at least 1, --spin-counts at least 0");
            return 2;
        }
        System.out.printf("bench/contention on %s, %d cores; %d timed steps, median of %d%n", Provenance.cpu(),
                Runtime.getRuntime().availableProcessors(), steps, repeats);
        StringBuilder table = new StringBuilder(String.format("%n| threads | alone, steps/s | two side by side, "
                + "steps/s each | both together | each vs alone |%n|---|---|---|---|---|%n"));
        for (Setting s : settings(spinCounts)) {
            double[] alone = new double[repeats];
            double[] each = new double[2 * repeats];
            for (int r = 0; r < repeats; r++) {
                alone[r] = rates(s, 1)[0];
                double[] pair = rates(s, 2);
                each[2 * r] = pair[0];
                each[2 * r + 1] = pair[1];
                System.out.printf("%s: alone %.1f, side by side %.1f + %.1f%n", s.name(), alone[r], pair[0], pair[1]);
            }
            double a = median(alone);
            double e = median(each);
            table.append(String.format("| %s | %.1f | %.1f | %.1f | %.0f %% |%n", s.name(), a, e, 2 * e, 100 * e / a));
        }
        System.out.print(table);
        return 0;
    }

    /** The rows: the standard three, or Gantry's default and one per spin count. */
    static List<Setting> settings(List<Long> spinCounts) {
        if (spinCounts.isEmpty()) {
            return SETTINGS;
        }
        List<Setting> rows = new ArrayList<>(List.of(SETTINGS.get(1)));
        for (long n : spinCounts) {
            rows.add(new Setting("all cores, GOMP_SPINCOUNT=" + n, Long.toString(n), 0));
        }
        return rows;
    }

    /** Starts {@code n} trial processes at once; their step rates. */
    private double[] rates(Setting s, int n) throws IOException, InterruptedException {
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(List.of("-Xms256m", "-Xmn64m"),
                    System.getProperty("java.class.path"), ContentionTrial.class.getName(),
                    List.of(String.valueOf(steps), String.valueOf(s.threads()))));
            Map<String, String> env = pb.environment();
            env.remove("GOMP_SPINCOUNT");
            env.remove("OMP_WAIT_POLICY");
            if (s.spinCount() != null) {
                env.put("GOMP_SPINCOUNT", s.spinCount());
            }
            pb.redirectErrorStream(true);
            ps.add(pb.start());
        }
        double[] rates = new double[n];
        for (int i = 0; i < n; i++) {
            String out = new String(ps.get(i).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ps.get(i).waitFor();
            rates[i] = out.lines().filter(l -> l.startsWith(ContentionTrial.RATE + " "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(ContentionTrial.RATE.length() + 1)))
                    .findFirst().orElseThrow(() -> new IllegalStateException("a trial printed no rate:\n" + out));
        }
        return rates;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
