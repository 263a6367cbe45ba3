package org.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.cli.MainTest.TINY;
import static org.gantry.cli.MainTest.with;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The numbered bad-input and interruption defects of issue 15: each ends in a clear one-line error or a repair. */
class BadInputTest {
    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();
    final ByteArrayOutputStream out = console.out;
    final ByteArrayOutputStream err = console.err;

    private int train(Path run, String... more) {
        return Main.execute(with(new String[] {"train"}, with(TINY, with(more, "--out", run.toString()))));
    }

    @Test
    void duplicateKeysAndSecondDocumentsInAConfigFileAreErrors(@TempDir Path dir) throws IOException {
        Path twice = Files.writeString(dir.resolve("twice.yaml"), "train: {steps: 5, steps: 7}\n");
        assertThat(Main.execute("train", "--config", twice.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("gives key 'train.steps' twice, at line 1 and line 1");
        Path mixed = Files.writeString(dir.resolve("mixed.yaml"), "train.steps: 9\ntrain:\n  steps: 5\n");
        assertThat(Main.execute("train", "--config", mixed.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("gives key 'train.steps' twice, at line 1 and line 3");
        Path two = Files.writeString(dir.resolve("two.yaml"), "seed: 1\n---\nseed: 2\n");
        assertThat(Main.execute("train", "--config", two.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("more than one YAML document");
    }

    @Test
    void configFileErrorsSpeakOfTheFileNotOfJava(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        Path list = Files.writeString(dir.resolve("list.yaml"), "- 1\n");
        Path section = Files.writeString(dir.resolve("section.yaml"), "train: [1, 2]\n");
        assertThat(Main.execute("train", "--config", list.toString())).isEqualTo(2);
        assertThat(Main.execute("train", "--config", dir.toString())).isEqualTo(2);
        assertThat(Main.execute("train", "--config", section.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("must be a YAML mapping").contains("is a directory")
                .contains("'train' is a section of keys").doesNotContain("java.").doesNotContain("LinkedHashMap")
                .doesNotContain("No content to map").doesNotContain("unknown key 'train'");
        err.reset();
        // An empty file is an empty layer: it stands on the defaults and is checked like any other.
        assertThat(Main.execute("train", "--config", empty.toString(), "--set", "train.batch=1")).isEqualTo(2);
        assertThat(err.toString()).contains("'train.batch': allowed an integer in [2,").doesNotContain("No content");
    }

    @Test
    void emptyPathsAndResumeWithAnotherOutAreRefused(@TempDir Path dir) {
        assertThat(Main.execute("train", "--out", "")).isEqualTo(2);
        assertThat(err.toString()).contains("an empty one was given");
        assertThat(Main.execute("train", "--resume", dir.toString(), "--out", dir.resolve("other").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--resume continues the run in its own directory");
    }

    @Test
    void aStrayFileOfARunIsNeitherAppendedToNorOverwritten(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path stray = Files.writeString(run.resolve("metrics.jsonl"), "my own notes\n");
        assertThat(train(run, "--set", "train.steps=5")).isEqualTo(2);
        assertThat(err.toString()).contains("already holds metrics.jsonl");
        assertThat(Files.readString(stray)).isEqualTo("my own notes\n");
        assertThat(run.resolve("samples")).doesNotExist();
    }

    @Test
    void aRejectedConfigurationNamesNoRunDirectoryAndLeavesNothing(@TempDir Path dir) {
        Path run = dir.resolve("run");
        assertThat(train(run, "--set", "g.norm=none", "--set", "g.self_modulation=true")).isEqualTo(2);
        assertThat(err.toString()).contains("g.self_modulation=true");
        assertThat(out.toString()).doesNotContain("run directory");
        assertThat(run).doesNotExist();
    }

    @Test
    void versionOnEverySubcommandAndClassifierWithoutSubcommand() {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"train", "--version"},
                new String[] {"eval", "--version"}, new String[] {"presets", "--version"},
                new String[] {"classifier", "--version"}, new String[] {"classifier", "train", "--version"})) {
            out.reset();
            assertThat(Main.execute(args)).as(String.join(" ", args)).isZero();
            assertThat(out.toString()).as(String.join(" ", args)).startsWith("gantry ");
        }
        assertThat(Main.execute("classifier")).isEqualTo(2);
        assertThat(err.toString()).contains("give a subcommand");
    }

    @Test
    void resumeDropsATornLastMetricsLineAndSaysSo(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        assertThat(train(run, "--set", "train.steps=20", "--set", "eval.every=10")).isZero();
        Path metrics = run.resolve("metrics.jsonl");
        Files.writeString(metrics, Files.readString(metrics) + "{\"step\": 3", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        assertThat(Main.execute("train", "--resume", run.toString(), "--set", "train.steps=30")).isZero();
        assertThat(err.toString()).contains("dropped the last line of " + metrics);
        assertThat(Files.readAllLines(metrics)).hasSize(3).allMatch(l -> l.startsWith("{") && l.endsWith("}"));
        // A damaged line that is not the last is not guessed at: the error names the file and line.
        Files.writeString(metrics, "{\"step\": 10}\nnot json\n{\"step\": 20}\n");
        assertThat(Main.execute("train", "--resume", run.toString(), "--set", "train.steps=40")).isEqualTo(1);
        assertThat(err.toString()).contains(metrics + " line 2 is not a JSON object");
    }

    @Test
    void aDamagedLatestCheckpointFallsBackToTheNewestIntactOne(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        assertThat(train(run, "--set", "train.steps=20", "--set", "output.checkpoint_every=10")).isZero();
        Path latest = run.resolve("checkpoints").resolve("step-00000020.ckpt");
        flipAByte(latest);
        Path leftover = Files.writeString(run.resolve("checkpoints").resolve(".step-00000030.ckpt.123.tmp"), "torn");
        assertThat(Main.execute("train", "--resume", run.toString(), "--set", "train.steps=30")).isZero();
        assertThat(err.toString()).contains("step-00000020.ckpt' is damaged")
                .contains("resuming from step-00000010.ckpt instead").contains("removed 1 unfinished temporary file");
        assertThat(leftover).doesNotExist();
        Path last = run.resolve("checkpoints").resolve("step-00000030.ckpt");
        flipAByte(last);
        assertThat(Main.execute("eval", "--run", run.toString(), "--checkpoint", last.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("step-00000030.ckpt' is damaged");
    }

    private static void flipAByte(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x5a);
        }
    }

    @Test
    void evalWithACheckpointOfOtherNetworksSaysSo(@TempDir Path dir) throws IOException {
        Path small = dir.resolve("small");
        Path wide = dir.resolve("wide");
        assertThat(train(small, "--set", "train.steps=10")).isZero();
        assertThat(train(wide, "--set", "train.steps=10", "--set", "g.widths=32,32")).isZero();
        Path other = wide.resolve("checkpoints").resolve("step-00000010.ckpt");
        assertThat(Main.execute("eval", "--run", small.toString(), "--checkpoint", other.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("was written by a run with other networks or training state")
                .contains("g.widths").doesNotContain("Exception");
    }

    @Test
    void aRunStoppedBeforeItsFirstCheckpointRestartsInPlace(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        assertThat(train(run, "--set", "train.steps=10")).isZero();
        try (Stream<Path> files = Files.list(run.resolve("checkpoints"))) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        assertThat(train(run, "--set", "train.steps=10")).isEqualTo(2);
        assertThat(err.toString()).contains("use --resume " + run);
        assertThat(Main.execute("train", "--resume", run.toString())).isZero();
        assertThat(err.toString()).contains("has no checkpoint yet: starting it again from step 0");
        assertThat(run.resolve("checkpoints").resolve("step-00000010.ckpt")).exists();
    }

    @Test
    void evalOfARunWhoseDataNoMetricFitsIsAnError(@TempDir Path dir) throws IOException {
        Path data = Files.writeString(dir.resolve("points.csv"), "0 0\n1 1\n0 1\n1 0\n".repeat(10));
        Path run = dir.resolve("run");
        assertThat(train(run, "--set", "data.name=csv", "--set", "data.path=" + data, "--set", "train.steps=5"))
                .isZero();
        assertThat(Main.execute("eval", "--run", run.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no metric applies").contains("'csv'");
    }

    @Test
    void ioErrorsSayWhatFailedAndWhy(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        assertThat(train(run, "--set", "train.steps=5")).isZero();
        Path blocked = Files.writeString(dir.resolve("file"), "x");
        assertThat(Main.execute("eval", "--run", run.toString(), "--out", blocked.resolve("eval.json").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("cannot write the results to " + blocked.resolve("eval.json"))
                .doesNotContain("Exception");
        assertThat(out.toString()).doesNotContain("evaluating");
    }
}
