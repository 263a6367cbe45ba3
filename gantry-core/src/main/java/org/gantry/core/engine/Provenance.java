package org.gantry.core.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.gantry.core.engine.TorchEngine;

/**
 * Where a result came from: Gantry, DJL and libtorch versions, the JVM, the OS, the machine (CPU
 * model, the instruction set libtorch dispatches to, its math libraries), the seed and the source
 * revision. Numeric results differ across CPUs, so every run records it.
 */
public final class Provenance {
    private Provenance() {}

    public static Map<String, Object> collect(long seed) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("gantry_version", gantryVersion());
        p.put("git_revision", gitRevision());
        p.put("djl_version", TorchEngine.djlVersion());
        p.put("libtorch_version", TorchEngine.libtorchVersion());
        p.put("engine_threads", TorchEngine.threads());
        p.put("cpu", cpu());
        p.putAll(TorchEngine.nativeMath());
        p.put("allocator", allocator());
        p.put("java_version", System.getProperty("java.version"));
        p.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        p.put("arch", System.getProperty("os.arch"));
        p.put("cores", Runtime.getRuntime().availableProcessors());
        p.put("seed", seed);
        p.put("started_at", Instant.now().toString());
        return p;
    }

    /**
     * The processor, as {@code /proc/cpuinfo} names it, with vendor, family, model and stepping (a
     * virtual machine's name can be as bare as "AMD EPYC"); "unknown" where that file is missing.
     */
    public static String cpu() {
        Map<String, String> fields = CpuInfo.fields();
        if (fields.isEmpty()) {
            return "unknown";
        }
        String name = fields.getOrDefault("model name", "unknown");
        if (!fields.containsKey("vendor_id")) {
            return name;
        }
        return name + " (" + fields.get("vendor_id") + ", family " + fields.get("cpu family") + ", model "
                + fields.get("model") + ", stepping " + fields.get("stepping") + ")";
    }

    /**
     * glibc's allocator settings from the environment ("defaults" when none is set): they decide how
     * often libtorch's per-step buffers are faulted in again, so they explain a step time, never a
     * number computed.
     */
    public static String allocator() {
        String settings = System.getenv().entrySet().stream().filter(e -> e.getKey().startsWith("MALLOC_"))
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(" "));
        return settings.isEmpty() ? "glibc defaults" : "glibc, " + settings;
    }

    public static String gantryVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/gantry-version.properties")) {
            Properties props = new Properties();
            if (in != null) {
                props.load(in);
            }
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The commit of the Gantry checkout ({@code gantry.home}), with "-dirty" for local changes. */
    static String gitRevision() {
        String home = System.getProperty("gantry.home");
        return home == null ? "unknown" : gitRevision(Path.of(home));
    }

    /** The commit checked out in {@code dir}, with "-dirty" for local changes; "unknown" without git or a repository. */
    public static String gitRevision(Path dir) {
        String rev = git(dir, "rev-parse", "HEAD");
        if (rev == null || rev.isEmpty()) {
            return "unknown";
        }
        String status = git(dir, "status", "--porcelain", "--untracked-files=no");
        return status != null && !status.isEmpty() ? rev + "-dirty" : rev;
    }

    private static String git(Path dir, String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
