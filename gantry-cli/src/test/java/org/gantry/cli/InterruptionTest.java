package org.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.gantry.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process stopped from outside, as a user or a scheduler stops it: SIGTERM (what Ctrl-C's
 * SIGINT also triggers) saves a checkpoint and an "interrupted" summary and says how to resume;
 * SIGKILL at random moments leaves the last periodic checkpoint. Either way the resumed run ends
 * exactly where an uninterrupted run of the same seed ends (losses and metrics bit for bit).
 */
class InterruptionTest {
    static final String[] RUN = MainTest.with(MainTest.TINY, "--set", "train.steps=300", "--set", "eval.every=100",
            "--set", "output.checkpoint_every=50", "--set", "output.log_every=10");

    @Test
    void sigtermSavesACheckpointAndTheResumedRunEndsLikeAnUninterruptedOne(@TempDir Path dir) throws Exception {
        JsonNode reference = uninterrupted(dir.resolve("reference"));
        Path run = dir.resolve("run");
        Process p = start(run);
        waitForStep(p, 60);
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // Process.destroy closes the pipes: the child's standard error went to a file.
        String err = Files.readString(run.resolveSibling("run.err"));
        assertThat(p.exitValue()).isEqualTo(143);
        assertThat(err).contains("gantry: interrupted at step ").contains("continue with: gantry train --resume " + run);
        JsonNode summary = Json.mapper().readTree(run.resolve("summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("interrupted");
        long step = summary.get("steps").asLong();
        assertThat(run.resolve("checkpoints").resolve(String.format("step-%08d.ckpt", step))).exists();
        assertThat(resume(run)).isEqualTo(reference);
    }

    @Test
    void sigkillAtRandomMomentsResumesToTheUninterruptedResult(@TempDir Path dir) throws Exception {
        JsonNode reference = uninterrupted(dir.resolve("reference"));
        Random random = new Random(15);
        for (int trial = 0; trial < 3; trial++) {
            Path run = dir.resolve("run" + trial);
            Process p = start(run);
            waitForStep(p, 10 + random.nextInt(280));
            p.destroyForcibly(); // SIGKILL: no hook runs
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // Killed before the first checkpoint, --resume starts the run again in place: the same run.
            assertThat(resume(run)).as("trial %d", trial).isEqualTo(reference);
        }
    }

    /** The final summary's numbers (everything but timings) of a run that nobody stopped. */
    private static JsonNode uninterrupted(Path run) throws IOException {
        PrintStream out = System.out;
        try {
            System.setOut(new PrintStream(PrintStream.nullOutputStream()));
            assertThat(Main.execute(MainTest.with(new String[] {"train"}, MainTest.with(RUN, "--out", run.toString()))))
                    .isZero();
        } finally {
            System.setOut(out);
        }
        return results(run);
    }

    private static JsonNode resume(Path run) throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            System.setOut(new PrintStream(PrintStream.nullOutputStream()));
            System.setErr(new PrintStream(PrintStream.nullOutputStream()));
            assertThat(Main.execute("train", "--resume", run.toString())).isZero();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return results(run);
    }

    private static JsonNode results(Path run) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode s = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper()
                .readTree(run.resolve("summary.json").toFile());
        s.remove(List.of("wall_seconds", "steps_per_second"));
        return s;
    }

    private static Process start(Path run) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "train"));
        cmd.addAll(List.of(RUN));
        cmd.addAll(List.of("--out", run.toString()));
        return new ProcessBuilder(cmd).redirectError(run.resolveSibling(run.getFileName() + ".err").toFile()).start();
    }

    /** Reads the child's log lines until it reports at least {@code step} (lines every 10 steps). */
    private static void waitForStep(Process p, int step) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith("step ")) {
                int done = Integer.parseInt(line.substring(5, line.indexOf('/')));
                if (done >= step) {
                    return;
                }
            }
        }
        throw new AssertionError("the training process ended before step " + step);
    }
}
