package org.gantry.core.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.config.ConfigException;
import org.gantry.config.Yaml;

/**
 * Named, ready-made configurations shipped as YAML resources under {@code presets/}; each file's
 * first line is a comment that describes it. {@code presets/index.txt} lists them in order.
 */
public final class Presets {
    public static final String DEFAULT = "ring";

    private Presets() {}

    public static List<String> names() {
        String index = resource("presets/index.txt");
        List<String> names = new ArrayList<>();
        for (String line : index.split("\n")) {
            if (!line.isBlank()) {
                names.add(line.trim());
            }
        }
        return names;
    }

    /** Preset name to its one-line description. */
    public static Map<String, String> descriptions() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names()) {
            String first = resource(file(name)).lines().findFirst().orElse("");
            out.put(name, first.startsWith("#") ? first.substring(1).trim() : "");
        }
        return out;
    }

    /**
     * The preset's settings. A preset may name another in its {@code extends} key and then lists
     * only what it changes (a self-modulated variant is its base plus one key).
     */
    public static Map<String, Object> load(String name) {
        if (!names().contains(name)) {
            throw new ConfigException("unknown preset '" + name + "': allowed " + String.join(", ", names()));
        }
        Map<String, Object> own = Yaml.readString(resource(file(name)), "preset " + name);
        Object base = own.remove("extends");
        if (base == null) {
            return own;
        }
        Map<String, Object> merged = load(base.toString());
        merge(merged, own);
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        for (Map.Entry<String, Object> e : from.entrySet()) {
            Object old = into.get(e.getKey());
            if (old instanceof Map<?, ?> a && e.getValue() instanceof Map<?, ?> b) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) a);
                merge(copy, (Map<String, Object>) b);
                into.put(e.getKey(), copy);
            } else {
                into.put(e.getKey(), e.getValue());
            }
        }
    }

    private static String file(String name) {
        return "presets/" + name + ".yaml";
    }

    private static String resource(String path) {
        try (InputStream in = Presets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
