package org.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    static final String[] TINY = {"--set", "data.size=2000", "--set", "g.widths=16", "--set", "d.arch=mlp", "--set",
        "d.widths=16", "--set", "train.batch=16", "--set", "eval.samples=100", "--set", "train.threads=1"};
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut;
    PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void unknownKeyExitsWithTwoAndSuggestsTheKey() {
        assertThat(Main.execute("train", "--set", "train.stpes=10")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown key 'train.stpes' — did you mean 'train.steps'?");
    }

    @Test
    void badValueAndMissingFileExitWithTwo() {
        assertThat(Main.execute("train", "--set", "loss.name=wasserstein")).isEqualTo(2);
        assertThat(err.toString()).contains("'wasserstein'").contains("loss.name").contains("hinge");
        assertThat(Main.execute("train", "--config", "/no/such/file.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("/no/such/file.yaml");
        assertThat(Main.execute("train", "--preset", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown preset 'nope'");
    }

    @Test
    void presetsAndDescribeList() {
        assertThat(Main.execute("presets")).isZero();
        assertThat(out.toString()).contains("ring").contains("(default)").contains("pacgan-grid");
        assertThat(Main.execute("train", "--describe")).isZero();
        assertThat(out.toString()).contains("train.steps").contains("train.d_steps").contains("data.path")
                .contains("loss.name").contains("seed");
    }

    @Test
    void divergenceExitsWithThree(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            csv.append(i % 3).append(' ').append(i % 4).append('\n');
        }
        csv.append("3.4e38 -3.4e38\n");
        Path data = dir.resolve("points.txt");
        Files.writeString(data, csv);
        Path run = dir.resolve("run");
        int code = Main.execute(with(new String[] {"train"}, with(TINY, "--set", "data.name=csv", "--set",
                "data.path=" + data, "--set", "train.steps=100", "--set", "output.checkpoint_every=1", "--out",
                run.toString())));
        assertThat(code).isEqualTo(Main.EXIT_DIVERGED);
        assertThat(err.toString()).contains("diverged at step").contains("last good checkpoint is kept");
        assertThat(Files.readString(run.resolve("summary.json"))).contains("\"diverged\"");
    }

    @Test
    void trainsFromAConfigFileThenResumes(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("tiny.yaml");
        Files.writeString(config, "loss:\n  name: hinge\ntrain:\n  steps: 20\neval:\n  every: 10\n");
        Path run = dir.resolve("run");
        assertThat(Main.execute(with(new String[] {"train"}, with(TINY, "--config", config.toString(), "--out", run.toString()))))
                .isZero();
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("name: hinge");
        assertThat(Main.execute("train", "--resume", run.toString(), "--set", "train.steps=30")).isZero();
        assertThat(Files.readAllLines(run.resolve("metrics.jsonl"))).hasSize(3);
        assertThat(Main.execute("train", "--resume", run.toString(), "--set", "train.steps=40", "--set", "g.lr=0.1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("cannot resume").contains("g.lr");
    }
}
