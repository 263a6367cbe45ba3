package org.gantry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of this process from /proc (Linux), in MiB; NaN elsewhere. */
final class ResidentMemory {
    private ResidentMemory() {}

    /** Current resident memory (VmRSS). */
    static double currentMiB() {
        return read("VmRSS:");
    }

    /** Peak resident memory since the process started (VmHWM). */
    static double peakMiB() {
        return read("VmHWM:");
    }

    private static double read(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
