package org.gantry.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The other side of bench/dcgan's comparison: a worker process that runs dcgan-mnist training
 * steps on command, driven line by line (protocol in bench/python/dcgan_step.py's docstring). The
 * worker is either that PyTorch script or {@link StepWorker} stepping another Gantry checkout, an
 * older commit for a before/after comparison. Between commands the worker blocks on its stdin, so
 * it uses no CPU while this side's steps are timed.
 */
final class StepPeer implements AutoCloseable {
    private final String name;
    private final Process process;
    private final BufferedReader in;
    private final BufferedWriter out;
    private final Path errors;

    private StepPeer(String name, Process process, Path errors) {
        this.name = name;
        this.process = process;
        this.errors = errors;
        this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    }

    /** Why {@code python} cannot serve as the peer (it cannot import torch), or null when it can. */
    static String unavailable(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return python + " -c 'import torch' did not finish in 120 s";
            }
            return p.exitValue() == 0 ? null : python + " cannot import torch (exit " + p.exitValue() + ")";
        } catch (IOException e) {
            return "cannot run " + python + " (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Starts the PyTorch worker with OPENBLAS_NUM_THREADS=1 (torch's own intra-op threads do the
     * parallel work; a second pool from OpenBLAS would oversubscribe the cores) and {@code threads}
     * torch threads.
     */
    static StepPeer torch(String python, Path script, Path mnist, int threads, long seed) throws IOException {
        Path errors = Files.createTempFile("gantry-dcgan-peer", ".log");
        ProcessBuilder b = new ProcessBuilder(python, script.toString(), mnist.toString(), String.valueOf(threads),
                String.valueOf(seed)).redirectError(errors.toFile());
        b.environment().put("OPENBLAS_NUM_THREADS", "1");
        return new StepPeer("PyTorch", b.start(), errors);
    }

    /**
     * Builds the bench module of the Gantry checkout {@code tree} and starts {@link StepWorker} on
     * it, with that checkout's JVM options. The checkout's classes come first on the class path, so
     * its own {@code GantryStepper} (and everything below it) is what runs; only the worker class,
     * which that checkout may lack, comes from this build. That needs the checkout's GantryStepper
     * to have the signatures StepWorker calls, which it has had since bench/dcgan was written.
     */
    static StepPeer gantryTree(Path tree, Path mnist, int threads, long seed) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("gantry-dcgan-peer", ".log");
        Process build = new ProcessBuilder("mvn", "-q", "-B", "-ntp", "-Dstyle.color=never", "-DskipTests", "-pl",
                "bench", "-am", "package").directory(tree.toFile()).redirectErrorStream(true)
                .redirectOutput(errors.toFile()).start();
        if (build.waitFor() != 0) {
            throw new IOException("building the baseline checkout " + tree + " failed (mvn exit " + build.exitValue()
                    + "):" + tail(errors));
        }
        Path jar = tree.resolve("bench/target/gantry-bench-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException("the baseline checkout " + tree + " built no " + jar);
        }
        String ownCode;
        try {
            ownCode = Path.of(StepWorker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate this bench's classes: " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-Dgantry.home=" + tree));
        Path options = tree.resolve("jvm.options");
        if (Files.isRegularFile(options)) {
            for (String line : Files.readAllLines(options)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    command.add(line.trim());
                }
            }
        }
        command.addAll(List.of("-cp", String.join(File.pathSeparator, jar.toString(),
                tree.resolve("bench/target/lib/*").toString(), ownCode), StepWorker.class.getName(), mnist.toString(),
                String.valueOf(threads), String.valueOf(seed)));
        Process worker = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        return new StepPeer("Gantry at " + revision(tree), worker, errors);
    }

    /** The checkout's short commit, marked "+changes" when its tracked files differ from it. */
    private static String revision(Path tree) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "-C", tree.toString(), "describe", "--always", "--dirty=+changes")
                .redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return git.waitFor() == 0 && !out.isEmpty() ? out : tree.toString();
    }

    /** What the table calls this side: "PyTorch", or "Gantry at" the baseline's commit. */
    String name() {
        return name;
    }

    /** The worker's versions (torch and Python, or Java); the first answer also waits for it to load MNIST. */
    String version() throws IOException {
        return String.join(" ", ask("version"));
    }

    /** Runs {@code steps} training steps in the worker; their times in milliseconds. */
    List<Double> run(int steps) throws IOException {
        List<Double> times = new ArrayList<>(steps);
        for (String t : ask("run " + steps)) {
            times.add(Double.parseDouble(t));
        }
        if (times.size() != steps) {
            throw new IOException(name + " peer answered " + times.size() + " step times for " + steps + " steps");
        }
        return times;
    }

    private List<String> ask(String command) throws IOException {
        out.write(command);
        out.newLine();
        out.flush();
        String line = in.readLine();
        if (line == null || !line.startsWith("ok")) {
            throw new IOException(name + " peer failed on '" + command + "': "
                    + (line == null ? "no answer" : line) + tail(errors));
        }
        String rest = line.substring(2).trim();
        return rest.isEmpty() ? List.of() : List.of(rest.split(" "));
    }

    /** The last 20 lines of a worker's or build's log, on lines of their own; empty when there are none. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "" : System.lineSeparator()
                    + String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** Asks the worker to quit, and ends it if it does not within 10 s. */
    @Override
    public void close() {
        try {
            out.write("quit");
            out.newLine();
            out.flush();
            out.close();
        } catch (IOException e) {
            // The worker has already gone; nothing to tell it.
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        File log = errors.toFile();
        if (!log.delete()) {
            log.deleteOnExit();
        }
    }
}
