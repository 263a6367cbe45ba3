package org.gantry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gantry.io.CpuLists;

/**
 * Which CPUs a thread may run on, set through util-linux's {@code taskset} (the JVM has no API for
 * it). A step bench pins the thread that runs the step, not the whole process, so that the JIT's
 * and the collector's threads keep the other CPUs, as they do in a training run.
 */
final class CpuAffinity {
    private CpuAffinity() {}

    /**
     * The CPUs this process may run on (its main thread's {@code Cpus_allowed_list}), in increasing
     * order; a thread pinned since keeps these in the process's account.
     */
    static List<Integer> allowed() throws IOException {
        return CpuLists.allowedIn(Path.of("/proc/self/status"));
    }

    /** The CPUs the calling thread may run on now. */
    static List<Integer> allowedForCurrentThread() throws IOException {
        return CpuLists.allowedIn(Path.of("/proc/thread-self/status"));
    }

    /** The kernel's id of the calling thread: /proc/thread-self links to "pid/task/tid". */
    static long currentThreadId() throws IOException {
        Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
        return Long.parseLong(link.getFileName().toString());
    }

    /** Lets the calling thread run on {@code cpus} only (a list as {@link CpuLists#parse} reads it). */
    static void pinCurrentThread(String cpus) throws IOException {
        run(List.of("taskset", "-p", "-c", cpus, String.valueOf(currentThreadId())));
    }

    /** {@code command} started on {@code cpu} only: taskset in front of it. */
    static List<String> onCpu(int cpu, List<String> command) {
        List<String> pinned = new ArrayList<>(List.of("taskset", "-c", String.valueOf(cpu)));
        pinned.addAll(command);
        return pinned;
    }

    private static void run(List<String> command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run taskset (util-linux), which pins a thread to a CPU: " + e.getMessage(), e);
        }
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
