package org.gantry.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch peer: bench/python/dcgan_step.py running as a worker process, driven line by line
 * (protocol in the script's docstring). Between commands the worker blocks on its stdin, so it
 * uses no CPU while Gantry's steps are timed.
 */
final class TorchPeer implements AutoCloseable {
    private final Process process;
    private final BufferedReader in;
    private final BufferedWriter out;
    private final Path errors;

    private TorchPeer(Process process, Path errors) {
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
     * Starts the worker with OPENBLAS_NUM_THREADS=1 (torch's own intra-op threads do the parallel
     * work; a second pool from OpenBLAS would oversubscribe the cores) and {@code threads} torch threads.
     */
    static TorchPeer start(String python, Path script, Path mnist, int threads, long seed) throws IOException {
        Path errors = Files.createTempFile("gantry-dcgan-peer", ".log");
        ProcessBuilder b = new ProcessBuilder(python, script.toString(), mnist.toString(), String.valueOf(threads),
                String.valueOf(seed)).redirectError(errors.toFile());
        b.environment().put("OPENBLAS_NUM_THREADS", "1");
        return new TorchPeer(b.start(), errors);
    }

    /** torch.__version__ of the worker; the first answer also waits for it to load MNIST. */
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
            throw new IOException("PyTorch peer answered " + times.size() + " step times for " + steps + " steps");
        }
        return times;
    }

    private List<String> ask(String command) throws IOException {
        out.write(command);
        out.newLine();
        out.flush();
        String line = in.readLine();
        if (line == null || !line.startsWith("ok")) {
            throw new IOException("PyTorch peer failed on '" + command + "': "
                    + (line == null ? "no answer" : line) + errorTail());
        }
        String rest = line.substring(2).trim();
        return rest.isEmpty() ? List.of() : List.of(rest.split(" "));
    }

    private String errorTail() {
        try {
            List<String> lines = Files.readAllLines(errors);
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
