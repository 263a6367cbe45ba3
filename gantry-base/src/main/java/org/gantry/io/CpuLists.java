package org.gantry.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The kernel's CPU lists ("0-3,6,8-9"), as {@code /proc/.../status} and taskset write them. */
public final class CpuLists {
    private CpuLists() {}

    /** The CPUs a {@code /proc/PID/status} (or {@code /proc/thread-self/status}) allows, in increasing order. */
    public static List<Integer> allowedIn(Path status) throws IOException {
        for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return parse(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IOException(status + " has no Cpus_allowed_list line");
    }

    /** The CPUs of a list such as "0-3,6,8-9". */
    public static List<Integer> parse(String list) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.split(",")) {
            String[] ends = part.trim().split("-");
            try {
                int first = Integer.parseInt(ends[0].trim());
                int last = ends.length == 2 ? Integer.parseInt(ends[1].trim()) : first;
                if (ends.length > 2 || first < 0 || last < first) {
                    throw new NumberFormatException(part);
                }
                for (int cpu = first; cpu <= last; cpu++) {
                    cpus.add(cpu);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + list + "' is not a list of CPUs such as 0-3,6", e);
            }
        }
        return cpus;
    }
}
