package org.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gantry.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCommandTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    private static final String STUDY = """
            name: tiny
            base:
              preset: ring
              set: {data.size: 2000, g.widths: [32, 32], d.arch: mlp, d.widths: [32, 32], train.batch: 32,
                    eval.samples: 200, eval.every: 10, output.checkpoint_every: 10, train.threads: 1}
            factors: {loss.name: [ns, hinge]}
            seeds: 2
            steps: 40
            workers: 2
            metric: {name: hq_fraction}
            """;

    /**
     * The driver killed with SIGKILL while workers train; the same command again finishes the study:
     * finished trials are not rerun, the others resume, and no evaluation is lost or logged twice.
     */
    @Test
    void aKilledDriverResumesWithTheSameCommand(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, STUDY.replace("steps: 40", "steps: 60"));
        Path out = dir.resolve("study");
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "study", "run", file.toString(), "--out",
                out.toString()));
        Process driver = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("driver.log").toFile()).start();
        Path events = out.resolve("events.jsonl");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!(Files.isRegularFile(events) && Files.readString(events).contains("trial_done"))) {
            assertThat(driver.isAlive()).as("driver still running").isTrue();
            assertThat(System.nanoTime()).as("a trial finishes within 5 minutes").isLessThan(deadline);
            Thread.sleep(200);
        }
        driver.destroyForcibly().waitFor();
        long doneBefore = Files.readAllLines(events).stream().filter(l -> l.contains("\"trial_done\"")).count();

        int code = Main.execute("study", "run", file.toString(), "--out", out.toString());
        assertThat(code).as(console.err.toString()).isZero();
        String log = Files.readString(events);
        assertThat(log.split("\"study_started\"", -1)).hasSize(3);
        assertThat(log.split("\"trial_done\"", -1)).hasSize(5); // each trial finished once
        assertThat(doneBefore).isPositive();
        for (String id : List.of("c0000-s0", "c0000-s1", "c0001-s0", "c0001-s1")) {
            Path run = out.resolve("trials").resolve(id).resolve("run");
            List<Integer> steps = new ArrayList<>();
            for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
                steps.add(((Number) Json.mapper().readValue(line, new TypeReference<Map<String, Object>>() {}).get("step"))
                        .intValue());
            }
            assertThat(steps).as(id).containsExactly(10, 20, 30, 40, 50, 60);
        }
        console.out.reset();
        assertThat(Main.execute("study", "status", out.toString())).isZero();
        assertThat(console.out.toString()).contains("4 trials: 4 done, 0 running, 0 pending, 0 stopped, 0 failed")
                .contains("{loss.name=ns}").contains("{loss.name=hinge}");
        assertThat(out.resolve("report.html")).content().contains("<h2>Best configurations</h2>").contains("data:image/png");
        assertThat(out.resolve("results.csv")).content().startsWith("trial,configuration,seed,status");
        Files.delete(out.resolve("report.html"));
        assertThat(Main.execute("study", "report", out.toString())).isZero();
        assertThat(out.resolve("report.html")).exists();
    }

    @Test
    void badStudyFilesAreNamedWithExitCode2(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, STUDY.replace("factors: {loss.name: [ns, hinge]}", "factors: {loss.nam: [ns, hinge]}"));
        assertThat(Main.execute("study", "run", file.toString(), "--out", dir.resolve("out").toString()))
                .isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(console.err.toString()).contains("loss.nam").contains("did you mean 'loss.name'").contains(file.toString());
        assertThat(dir.resolve("out")).doesNotExist();
        console.err.reset();
        assertThat(Main.execute("study", "status", dir.toString())).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(console.err.toString()).contains("not a study directory");
        console.err.reset();
        Files.writeString(file, STUDY);
        assertThat(Main.execute("study", "run", file.toString(), "--on", "sprak", "--out", dir.resolve("o2").toString()))
                .isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(console.err.toString()).contains("no executor 'sprak'").contains("local");
    }
}
