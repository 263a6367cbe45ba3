package org.gantry.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The first processor's fields in {@code /proc/cpuinfo}: all cores of a machine are alike here. */
final class CpuInfo {
    private CpuInfo() {}

    /** Field name to value, in file order; empty where the file is missing (not Linux). */
    static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.isBlank()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            return Collections.emptyMap();
        }
        return fields;
    }

    /** The instruction-set flags ("avx2", "avx512f", ...); empty where the file is missing. */
    static List<String> flags() {
        String flags = fields().getOrDefault("flags", "");
        return flags.isEmpty() ? List.of() : List.of(flags.split(" "));
    }

    /** The vendor string ("GenuineIntel", "AuthenticAMD", ...), or "unknown". */
    static String vendor() {
        return fields().getOrDefault("vendor_id", "unknown");
    }
}
