package org.gantry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The minor page faults one process takes during the timed blocks, from /proc/PID/stat (Linux).
 * Mapping a freshly zeroed page is cheap on a quiet machine but can cost tens of microseconds in a
 * virtual machine whose host is short of memory, so a side that frees and refaults its buffers
 * every step is slowed by the host where the other side is not; the report shows the counts so a
 * reader can tell that apart from the kernels' speed.
 */
final class PageFaults {
    private final long pid;
    private long total;
    private long mark = -1;
    private boolean unknown;

    PageFaults(long pid) {
        this.pid = pid;
    }

    /** Marks the start of a timed block. */
    void begin() {
        mark = minor(pid);
    }

    /** Adds the faults since {@link #begin()}. */
    void end() {
        long now = minor(pid);
        if (mark < 0 || now < 0) {
            unknown = true;
        } else {
            total += now - mark;
        }
        mark = -1;
    }

    /** Faults per step over the blocks, for {@code steps} steps in all; NaN when /proc could not tell. */
    double perStep(long steps) {
        return unknown || steps == 0 ? Double.NaN : (double) total / steps;
    }

    /** Minor faults of process {@code pid} and all its threads so far, or -1 when /proc cannot tell. */
    static long minor(long pid) {
        try {
            return parseMinor(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Field 10 of a /proc/PID/stat line; the command name in field 2 may hold spaces and parentheses. */
    static long parseMinor(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(fields[7]);
    }
}
