package org.gantry.study.run;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.io.Json;

/**
 * A study's {@code events.jsonl}: one JSON object per line, appended by the driver after the state
 * it reports. It is the only study file written by appending, so a driver killed mid-way can leave
 * a last line cut short ({@link #dropCutLine}) or, between a state and its event, no line at all
 * ({@link LostEvents}).
 */
public final class EventLog {
    /** A trial's metric at its last step. */
    public static final String DONE = "trial_done";
    /** A trial's metric at a step before its last. */
    public static final String RUNG = "rung_reached";
    public static final String FAILED = "trial_failed";
    public static final String STOPPED = "configuration_stopped";
    public static final String WOULD_STOP = "configuration_would_stop";

    private final Path file;

    public EventLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends one event dated now. */
    public void append(String kind, String trialId, Map<String, Object> details) {
        append(kind, trialId, details, Instant.now());
    }

    /** Appends one event dated {@code time}. */
    public synchronized void append(String kind, String trialId, Map<String, Object> details, Instant time) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", time.toString());
        line.put("event", kind);
        if (trialId != null) {
            line.put("trial", trialId);
        }
        line.putAll(details);
        try {
            Files.writeString(file, Json.line(line) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Cuts off a last line a killed driver left without its line break, so that the next event
     * starts a line of its own and every line stays a JSON object. Whatever that line reported is
     * written again from the states that came before it.
     */
    public synchronized void dropCutLine() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            byte[] bytes = Files.readAllBytes(file);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            if (end < bytes.length) {
                ch.truncate(end);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot repair " + file, e);
        }
    }

    /**
     * Every event that reads as a JSON object, in order; a line that does not (cut short, or bytes
     * that are no UTF-8) is passed over rather than stopping a study that needs the rest.
     */
    public synchronized List<Map<String, Object>> read() {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8); // malformed bytes become U+FFFD
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        for (String line : text.split("\n")) {
            try {
                Map<String, Object> m = Json.mapper().readValue(line, new TypeReference<Map<String, Object>>() {});
                if (m != null) {
                    out.add(m);
                }
            } catch (IOException e) {
                // a line cut short: the states say what it reported
            }
        }
        return out;
    }
}
