package org.gantry.core.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gantry.data.Downloader;
import org.gantry.data.FileDigest;
import org.gantry.io.AtomicFiles;
import org.gantry.io.Json;

/**
 * Results of the network-layer convolution check, kept on disk per machine, because the check takes
 * 8–17 s on two cores (the plain layout alone; 9.5 s with both on a Zen 5): too long for every
 * start of a process. A verdict is reused only for the same
 * key: the CPU (vendor, family, model, stepping, name, instruction-set flags), libtorch and oneDNN
 * versions, intra-op threads (oneDNN splits work by them) and the check itself. One JSON file per
 * key, {@code convolution-check-<hash of the key>.json} in {@link #atDefaultLocation()}'s folder
 * (the tests of all modules of one build share one), written atomically; a file that cannot be read
 * is checked again and replaced, a cache that cannot be written is only reported (the verdict still
 * holds for this process). Failing verdicts are kept too: a machine
 * where oneDNN was wrong once stays on ATen's path until the file is deleted.
 */
final class ConvolutionVerdicts {
    static final String ENV = "GANTRY_ENGINE_CACHE";
    static final int FORMAT = 1;
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};
    private final Path dir;

    /** Verdicts kept in {@code dir}. */
    ConvolutionVerdicts(Path dir) {
        this.dir = dir;
    }

    /** {@code $GANTRY_ENGINE_CACHE}, else {@code engine} in Gantry's cache ({@code $GANTRY_CACHE} or {@code ~/.cache/gantry}). */
    static ConvolutionVerdicts atDefaultLocation() {
        String env = System.getenv(ENV);
        return new ConvolutionVerdicts(env != null && !env.isBlank() ? Path.of(env)
                : Downloader.defaultCacheDir().resolve("engine"));
    }

    /** The check's failures and where they come from. */
    record Verdict(List<String> failures, double seconds, String checkedAt, String source) {
        boolean passed() {
            return failures.isEmpty();
        }
    }

    /**
     * The cached verdict for {@code key}, or else {@code check}'s, timed and stored.
     *
     * @param key what the verdict depends on, in a fixed order
     */
    Verdict get(Map<String, String> key, Supplier<List<String>> check) {
        Path file = file(key);
        String unreadable = "";
        if (Files.isRegularFile(file)) {
            try {
                JsonNode json = Json.mapper().readTree(file.toFile());
                if (json != null && json.path("format").asInt() == FORMAT
                        && key.equals(Json.mapper().convertValue(json.path("key"), STRINGS))) {
                    List<String> failures = new ArrayList<>();
                    json.path("failures").forEach(f -> failures.add(f.asText()));
                    return new Verdict(failures, json.path("seconds").asDouble(Double.NaN),
                            json.path("checked_at").asText("unknown"), "cached in " + file);
                }
                unreadable = "; replaced " + file + ", made for another key or format";
            } catch (IOException | IllegalArgumentException e) {
                unreadable = "; replaced unreadable " + file;
            }
        }
        long started = System.nanoTime();
        List<String> failures = check.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        String checkedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("key", key);
        json.put("failures", failures);
        json.put("seconds", seconds);
        json.put("checked_at", checkedAt);
        String source;
        try {
            AtomicFiles.writeString(file, Json.pretty(json));
            source = "checked now, cached in " + file + unreadable;
        } catch (IOException | RuntimeException e) {
            source = "checked now, not cached (" + file + ": " + e + ")";
        }
        return new Verdict(failures, seconds, checkedAt, source);
    }

    Path file(Map<String, String> key) {
        String sha256 = FileDigest.hexDigest("SHA-256", Json.line(key).getBytes(StandardCharsets.UTF_8));
        return dir.resolve("convolution-check-" + sha256.substring(0, 16) + ".json");
    }

    /** What the network-layer check's result depends on, on this machine now. */
    static Map<String, String> machineKey(String checkId) {
        Map<String, String> cpu = CpuInfo.fields();
        Map<String, String> key = new LinkedHashMap<>();
        for (String field : List.of("vendor_id", "cpu family", "model", "stepping", "model name", "flags")) {
            key.put(field.replace(' ', '_'), cpu.getOrDefault(field, "unknown"));
        }
        key.put("os_arch", System.getProperty("os.arch"));
        key.put("libtorch", TorchEngine.libtorchVersion());
        key.put("onednn", LibtorchContext.oneDnnVersion());
        key.put("onednn_cache_sizes", OneDnnCacheSizes.state());
        key.put("threads", Integer.toString(TorchEngine.threads()));
        key.put("check", checkId);
        return key;
    }
}
