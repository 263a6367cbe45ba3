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
     * The driver stopped by SIGTERM (as Ctrl-C) after its first finished trial: its workers checkpoint
     * and the trials wait, with no attempt spent. Run again and killed with SIGKILL after the next
     * finished trial; run a third time, the study finishes: no trial is rerun or fails, and every
     * evaluation is logged exactly once.
     */
    @Test
    void aStoppedOrKilledDriverResumesWithTheSameCommand(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, STUDY.replace("steps: 40", "steps: 60"));
        Path out = dir.resolve("study");
        Path events = out.resolve("events.jsonl");

        Process first = driver(file, out, dir.resolve("driver1.log"));
        awaitTrialsDone(first, events, 1);
        first.destroy(); // SIGTERM
        assertThat(first.waitFor()).isNotZero();
        assertThat(Files.readString(events)).contains("study_interrupted");
        for (String id : TRIALS) {
            Path state = out.resolve("trials").resolve(id).resolve("state.json"); // none for a trial never started
            if (Files.exists(state)) {
                assertThat(Files.readString(state)).as(id).doesNotContain("FAILED").contains("\"attempts\" : 0");
            }
        }
        long doneBefore = count(events, "\"trial_done\"");

        Process second = driver(file, out, dir.resolve("driver2.log"));
        awaitTrialsDone(second, events, doneBefore + 1);
        second.destroyForcibly().waitFor();

        int code = Main.execute("study", "run", file.toString(), "--out", out.toString());
        assertThat(code).as(console.err.toString()).isZero();
        assertThat(count(events, "\"study_started\"")).isEqualTo(3);
        assertThat(count(events, "\"trial_done\"")).isEqualTo(4); // each trial finished once
        assertThat(count(events, "\"trial_failed\"")).isZero();
        for (String id : TRIALS) {
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

    private static final List<String> TRIALS = List.of("c0000-s0", "c0000-s1", "c0001-s0", "c0001-s1");

    private static Process driver(Path file, Path out, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "study", "run", file.toString(), "--out",
                out.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitTrialsDone(Process driver, Path events, long done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (count(events, "\"trial_done\"") < done) {
            assertThat(driver.isAlive()).as("driver still running").isTrue();
            assertThat(System.nanoTime()).as("trials finish within 5 minutes").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static long count(Path events, String text) throws Exception {
        return Files.isRegularFile(events) ? Files.readString(events).split(text, -1).length - 1 : 0;
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
