package org.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gantry.config.Setting;
import org.gantry.core.run.GantrySchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated bad input, seeded: random keys and values on the command line, mutated YAML files,
 * damaged data files and checkpoints. Every case must end in exit 0, or in exit 2 (bad input) or 1
 * (an I/O failure) with one line on standard error that starts with "gantry: " and shows no Java
 * internals; never a stack trace.
 */
class FuzzTest {
    static final int CASES = 240;
    private static final String[] VALUES = {"-1", "0", "1", "2", "3", "0.5", "1e-3", "1e309", "-1e-9", "nan", "inf",
        "9999999999", "abc", "", " ", "true", "false", "yes", "[1,2]", "1,2", "2,,3", "[]", "{}", "ns", "hinge", "mlp",
        "maxout", "dcgan", "batch", "none", "ring", "grid", "csv", "mnist", "adam", "sgd", "r1", "ode", "consensus",
        "auto", "fid", "modes", "é", "null", "~", "'", "\"", "#", "a=b", "--set"};
    private static final String PUNCTUATION = "x:-[]{}#&*!|>'\"%@` \t\n0.";
    private static final String VALID = "seed: 3\ndata:\n  name: ring\n  size: 500\ntrain:\n  steps: 2\n  batch: 16\n"
            + "  threads: 1\ng:\n  widths: [8]\nd:\n  arch: mlp\n  widths: [8]\neval:\n  samples: 50\n  every: 1\n";

    @Test
    void everyGeneratedInputEndsInSuccessOrOneCleanLine(@TempDir Path dir) throws IOException {
        Random random = new Random(20261129);
        // Every key but data.download, which would reach for the network (none here, nor in CI).
        List<Setting<?>> settings = new ArrayList<>(GantrySchema.create().settings().stream()
                .filter(s -> !s.key().equals("data.download")).toList());
        List<String> failures = new ArrayList<>();
        for (int c = 0; c < CASES; c++) {
            Path caseDir = Files.createDirectories(dir.resolve("case" + c));
            List<String> args = new ArrayList<>(List.of("train", "--out", caseDir.resolve("run").toString()));
            switch (c % 4) {
                case 0, 1 -> {
                    args.addAll(List.of("--config", Files.writeString(caseDir.resolve("c.yaml"), VALID).toString()));
                    for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
                        Setting<?> s = settings.get(random.nextInt(settings.size()));
                        args.addAll(List.of("--set", s.key() + "=" + VALUES[random.nextInt(VALUES.length)]));
                    }
                }
                case 2 -> args.addAll(List.of("--config",
                        Files.writeString(caseDir.resolve("c.yaml"), mutate(VALID, random)).toString()));
                default -> {
                    Path data = Files.writeString(caseDir.resolve("points.csv"), mutate("0 0\n1 1\n0.5 -2\n".repeat(30),
                            random));
                    args.addAll(List.of("--config", Files.writeString(caseDir.resolve("c.yaml"), VALID).toString(),
                            "--set", "data.name=csv", "--set", "data.path=" + data));
                }
            }
            check(args, failures);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void damagedCheckpointsAndMetricsEndInResumeOrOneCleanLine(@TempDir Path dir) throws IOException {
        Random random = new Random(15);
        Path source = dir.resolve("source");
        List<String> failures = new ArrayList<>();
        check(List.of("train", "--config", Files.writeString(dir.resolve("c.yaml"), VALID).toString(), "--set",
                "train.steps=4", "--set", "output.checkpoint_every=2", "--out", source.toString()), failures);
        assertThat(failures).isEmpty();
        for (int c = 0; c < 20; c++) {
            Path run = dir.resolve("run" + c);
            copy(source, run);
            Path target = random.nextBoolean() ? run.resolve("checkpoints").resolve("step-00000004.ckpt")
                    : random.nextBoolean() ? run.resolve("metrics.jsonl") : run.resolve("config.yaml");
            byte[] bytes = Files.readAllBytes(target);
            int cut = random.nextInt(bytes.length + 1);
            for (int i = 0, n = 1 + random.nextInt(8); i < n && bytes.length > 0; i++) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
            }
            Files.write(target, random.nextBoolean() ? bytes : java.util.Arrays.copyOf(bytes, cut));
            check(List.of("train", "--resume", run.toString(), "--set", "train.steps=6"), failures);
            check(List.of("eval", "--run", run.toString(), "--samples", "50", "--threads", "1"), failures);
        }
        assertThat(failures).isEmpty();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    /** A few random edits: characters replaced, lines duplicated or dropped, a document marker, tabs. */
    static String mutate(String text, Random random) {
        StringBuilder b = new StringBuilder(text);
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(6)) {
                case 0 -> b.setCharAt(at, PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
                case 1 -> b.insert(at, "\n---\n");
                case 2 -> b.insert(at, '\t');
                case 3 -> {
                    int start = b.lastIndexOf("\n", at) + 1;
                    int end = b.indexOf("\n", at);
                    if (end > start) {
                        b.insert(start, b.substring(start, end + 1));
                    }
                }
                case 4 -> b.deleteCharAt(at);
                default -> b.insert(at, VALUES[random.nextInt(VALUES.length)]);
            }
        }
        return b.toString();
    }

    private static void check(List<String> args, List<String> failures) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.execute(args.toArray(String[]::new));
        } catch (RuntimeException | Error e) {
            code = -1;
            err.writeBytes(e.toString().getBytes(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String e = err.toString(StandardCharsets.UTF_8);
        List<String> lines = e.lines().filter(l -> !l.isBlank() && !l.startsWith("gantry: dropped the last line")
                && !l.contains("resuming from") && !l.contains("removed ")).toList();
        boolean clean = code == 0 || ((code == 2 || code == 1) && lines.size() == 1 && lines.get(0).startsWith("gantry: ")
                && !e.contains("Exception") && !e.contains("\tat ") && !e.contains("java."));
        if (!clean) {
            failures.add("exit " + code + " for " + String.join(" ", args) + "\n" + e);
        }
    }
}
