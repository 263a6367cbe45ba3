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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The other side of bench/dcgan's and bench/ring's comparison: a worker process that runs training
 * steps on command, driven line by line (protocol in bench/python/step_worker.py): the
 * PyTorch script, or {@link StepWorker} stepping another Gantry checkout. Between commands the
 * worker blocks on its stdin, so it uses no CPU while this side's steps are timed.
 */
final class StepPeer implements AutoCloseable {
    private final String name;
    private final String setup;
    private final Process process;
    private final BufferedReader in;
    private final BufferedWriter out;
    private final Path errors;

    private StepPeer(String name, String setup, Process process, Path errors) {
        this.name = name;
        this.setup = setup;
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
     * torch threads. With {@code glibcDefaults} PyTorch runs as its users run it, without the
     * allocator settings Gantry's launcher adds ({@code gantry-env.sh}, marked by
     * GANTRY_MALLOC=launcher); otherwise it inherits them, so both sides keep their buffers alike.
     * Settings the user exported reach both sides either way. With {@code cpu} the worker runs on
     * that CPU only.
     */
    static StepPeer torch(String python, Path script, String data, int threads, long seed, boolean glibcDefaults,
            Integer cpu) throws IOException {
        boolean launcherMalloc = LauncherAllocator.active();
        String allocator = !launcherMalloc ? "" : glibcDefaults ? " and glibc's allocator defaults"
                : " and Gantry's launcher's allocator settings";
        List<String> command = List.of(python, script.toString(), data, String.valueOf(threads), String.valueOf(seed));
        return start("PyTorch", "the peer with OPENBLAS_NUM_THREADS=1 and torch.set_num_threads(" + threads + ")"
                        + allocator, cpu == null ? command : CpuAffinity.onCpu(cpu, command),
                Map.of("OPENBLAS_NUM_THREADS", "1"), launcherMalloc && glibcDefaults);
    }

    /** Builds the Gantry checkout {@code dir} and starts {@link StepWorker} on its classes. */
    static StepPeer baseline(Path dir, Path mnist, int threads, long seed) throws IOException, InterruptedException {
        Path log = Files.createTempFile("gantry-dcgan-baseline-build", ".log");
        try {
            BaselineCheckout checkout = BaselineCheckout.build(dir, log);
            String ownCode;
            try {
                ownCode = Path.of(StepWorker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toString();
            } catch (URISyntaxException e) {
                throw new IOException("cannot locate this bench's classes: " + e.getMessage(), e);
            }
            return start(checkout.name(), "the peer a JVM of its own with the baseline's jvm.options",
                    checkout.workerCommand(ownCode, System.getenv("GANTRY_JAVA_OPTS"), mnist, threads, seed), Map.of(),
                    false);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * Starts {@code command} as a worker, with {@code env} added to this process's environment and,
     * when {@code withoutMalloc}, the launcher's allocator settings taken out of it.
     */
    static StepPeer start(String name, String setup, List<String> command, Map<String, String> env, boolean withoutMalloc)
            throws IOException {
        Path errors = Files.createTempFile("gantry-dcgan-peer", ".log");
        ProcessBuilder b = new ProcessBuilder(command).redirectError(errors.toFile());
        if (withoutMalloc) {
            LauncherAllocator.removeFrom(b.environment());
        }
        b.environment().putAll(env);
        try {
            return new StepPeer(name, setup, b.start(), errors);
        } catch (IOException e) {
            Files.deleteIfExists(errors);
            throw e;
        }
    }

    /** The worker's process id, for its page-fault count. */
    long pid() {
        return process.pid();
    }

    /** What the table calls this side: "PyTorch", or "Gantry at" the baseline's commit. */
    String name() {
        return name;
    }

    /** How the peer's threads and options are set, for the report's CPU line. */
    String setup() {
        return setup;
    }

    /** The worker's versions (torch and Python, or libtorch and DJL); the first answer also waits for it to load MNIST. */
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
        return ChildJvm.words(line.substring(2));
    }

    /** The last 20 lines of the worker's log, on lines of their own; empty when there are none. */
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
