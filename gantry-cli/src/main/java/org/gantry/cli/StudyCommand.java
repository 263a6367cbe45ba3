package org.gantry.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gantry.config.Setting;
import org.gantry.study.api.Studies;
import org.gantry.study.report.HtmlReport;
import org.gantry.study.report.SearchComparison;
import org.gantry.study.report.StatusText;
import org.gantry.study.report.StoredStudy;
import org.gantry.study.run.StudyCounts;
import org.gantry.study.run.StudyListener;
import org.gantry.study.run.TrialExecutors;
import org.gantry.study.spec.StudySettings;
import org.gantry.study.spec.StudySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantry study}: run, follow and report studies of many seeded runs. */
@Command(name = "study", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Studies of many seeded runs: factors crossed as a grid, a searched space, seeds, early stopping.",
        subcommands = {StudyCommand.Run.class, StudyCommand.Status.class, StudyCommand.Report.class, StudyCommand.Compare.class,
            StudyCommand.Describe.class})
final class StudyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs a study, or continues one in its directory. */
    @Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Run a study file, or continue it: finished trials are kept, unfinished ones resume.",
                "Keys of the study file: gantry study describe."})
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "STUDY.yaml", description = "The study file.")
        Path file;

        @Option(names = "--out", paramLabel = "DIR", description = "Study directory (default: runs/<study name>).")
        Path out;

        @Option(names = "--on", paramLabel = "EXECUTOR", defaultValue = TrialExecutors.LOCAL,
                description = "Where trials run: local (a pool of worker JVMs; default) or spark.")
        String on;

        @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[N], spark://host:7077, yarn, k8s://...")
        String master;

        @Option(names = "--set", paramLabel = "KEY=VALUE",
                description = "Override one of the study's own keys (e.g. search.seed=3, seeds=5); repeatable.")
        java.util.List<String> overrides = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            return CommandErrors.guarded(() -> {
                StudySpec spec = Studies.read(file, overrides);
                Path dir = out != null ? out : Path.of("runs", spec.name());
                Map<String, String> options = new LinkedHashMap<>();
                if (master != null) {
                    options.put("master", master);
                }
                System.out.println("study directory: " + dir.toAbsolutePath());
                StudyCounts counts = Studies.run(spec, dir, on, options, new LiveLine(System.out));
                Path report = HtmlReport.write(dir);
                System.out.println("report: " + report + " (gantry study report " + dir + " writes it again)");
                return counts.failed() > 0 || counts.pending() > 0 ? 1 : 0;
            });
        }
    }

    /** Prints where a study stands, from its directory. */
    @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Trials done / running / stopped / failed, and every configuration's metric, best first.")
    static final class Status implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "The study directory.")
        Path dir;

        @Override
        public Integer call() {
            return CommandErrors.guarded(() -> {
                System.out.print(StatusText.of(StoredStudy.read(dir)));
                return 0;
            });
        }
    }

    /** Writes report.html and results.csv from a study directory. */
    @Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Write report.html (self-contained) and results.csv into the study directory, from its stored results.")
    static final class Report implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "The study directory.")
        Path dir;

        @Override
        public Integer call() {
            return CommandErrors.guarded(() -> {
                Path report = HtmlReport.write(dir);
                System.out.println("report: " + report.toAbsolutePath());
                System.out.println("table: " + dir.resolve("results.csv").toAbsolutePath());
                return 0;
            });
        }
    }

    /** Compares search strategies over repeated studies. */
    @Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Best metric found against configurations tried, mean over the studies of each name",
                "(e.g. grid-sobol-0..3 against grid-random-0..3)."})
    static final class Compare implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "DIR", description = "Study directories.")
        java.util.List<Path> dirs;

        @Option(names = "--chart", paramLabel = "FILE.png", description = "Also draw the curves into this PNG file.")
        Path chart;

        @Override
        public Integer call() {
            return CommandErrors.guarded(() -> {
                java.util.List<StoredStudy> studies = dirs.stream().map(StoredStudy::read).toList();
                java.util.List<SearchComparison.Curve> curves = SearchComparison.of(studies);
                System.out.print(SearchComparison.table(curves));
                if (chart != null) {
                    byte[] png = SearchComparison.chart(curves, studies.get(0).metric());
                    org.gantry.io.AtomicFiles.write(chart, out -> out.write(png));
                    System.out.println("chart: " + chart.toAbsolutePath());
                }
                return 0;
            });
        }
    }

    /** Lists the keys of a study file. */
    @Command(name = "describe", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "List every key of a study file with its default.")
    static final class Describe implements Callable<Integer> {
        @Override
        public Integer call() {
            for (Setting<?> s : StudySettings.schema().settings()) {
                System.out.printf("%-18s %s%n", s.key(), s.description());
                System.out.printf("%-18s   default: %s; allowed: %s%n", "", s.defaultValue() == null ? "(unset)"
                        : s.defaultValue(), s.type().allowed());
            }
            System.out.printf("%-18s %s%n", "base.set", "Training keys every trial sets: {key: value, ...}.");
            System.out.printf("%-18s %s%n", "factors", "Training keys crossed as a grid: {key: [level, level, ...], ...}.");
            System.out.printf("%-18s %s%n", "search.space", "Training keys searched: {key: {linear|log|int: [low, high]} "
                    + "or {choice: [a, b, ...]}, ...}.");
            return 0;
        }
    }

    /**
     * One plain line per event; on a terminal, also a live status line (counts and time left) kept
     * below them.
     */
    static final class LiveLine implements StudyListener {
        private final PrintStream out;
        private final boolean terminal = System.console() != null;

        LiveLine(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void onEvent(String line, StudyCounts counts) {
            if (terminal) {
                out.print("\r\033[K" + line + System.lineSeparator() + "[" + counts.line() + "]");
                out.flush();
            } else {
                out.println(line + "  [" + counts.line() + "]");
            }
        }
    }
}
