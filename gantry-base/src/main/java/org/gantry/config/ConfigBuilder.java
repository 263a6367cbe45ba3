package org.gantry.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a configuration from layers, later layers winning: the schema's defaults, then presets
 * and files ({@link #apply}), then {@code --set key=value} overrides. Each raw value is checked when
 * it is applied, so an error names the layer it came from.
 */
public final class ConfigBuilder {
    private final Schema schema;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> sources = new HashMap<>();

    public ConfigBuilder(Schema schema) {
        this.schema = schema;
        for (Setting<?> s : schema.settings()) {
            values.put(s.key(), s.defaultValue());
            sources.put(s.key(), "default");
        }
    }

    /** Applies a YAML document's contents (nested maps and/or dotted keys). */
    public ConfigBuilder apply(Map<String, Object> document, String source) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", document, flat, source);
        // A key under its current and its former name in one document: which one is meant is unclear.
        Map<String, String> spelled = new HashMap<>();
        for (String k : flat.keySet()) {
            String canonical = schema.find(k).map(Setting::key).orElse(k);
            String other = spelled.putIfAbsent(canonical, k);
            if (other != null) {
                throw new ConfigException(source + " gives key '" + canonical + "' twice, as '" + other + "' and '" + k
                        + "' (one is its former name); keep '" + canonical + "'");
            }
        }
        flat.forEach((k, v) -> setRaw(k, v, source));
        return this;
    }

    public ConfigBuilder applyFile(Path file) {
        return apply(Yaml.readFile(file), "config file '" + file + "'");
    }

    /** Applies one {@code key=value} assignment as typed on the command line. */
    public ConfigBuilder set(String assignment) {
        return set(assignment, "--set");
    }

    /** The same, from the command-line option {@code source}, which error messages name. */
    public ConfigBuilder set(String assignment, String source) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(source + " expects key=value, got '" + assignment + "'");
        }
        String key = assignment.substring(0, eq).trim();
        String raw = assignment.substring(eq + 1).trim();
        setRaw(key, raw.isEmpty() ? null : raw, source);
        return this;
    }

    public ConfigBuilder setRaw(String key, Object raw, String source) {
        Setting<?> s = schema.find(key).orElseThrow(() -> schema.isSection(key)
                ? new ConfigException("'" + key + "' is a section of keys (" + schema.keysIn(key) + "), so it takes a "
                        + "mapping such as " + key + ": {" + schema.keysIn(key).split(", ")[0].substring(key.length() + 1)
                        + ": ...}, not " + describe(raw) + " (in " + source + ")")
                : schema.unknownKey(key, source));
        Object value;
        if (raw == null && s.defaultValue() == null) {
            value = null; // explicitly unset optional key
        } else {
            try {
                value = s.type().parse(key, raw);
            } catch (ConfigException e) {
                throw new ConfigException(e.getMessage() + " (in " + source + ")");
            }
        }
        values.put(s.key(), value);
        sources.put(s.key(), source);
        return this;
    }

    /** Where the current value of a key came from ("default", a file, "--set", a preset). */
    public String sourceOf(String key) {
        return sources.get(key);
    }

    public Config build() {
        return new Config(schema, values);
    }

    private static String describe(Object raw) {
        return raw instanceof List<?> ? "a list" : raw == null ? "an empty value" : "the value '" + raw + "'";
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> node, Map<String, Object> out, String source) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> child) {
                flatten(key, (Map<String, Object>) child, out, source);
            } else if (out.containsKey(key)) {
                // One key spelled once dotted and once nested: YAML sees two keys, the configuration one.
                throw new ConfigException(source + " gives key '" + key + "' twice (once dotted, once nested); keep one");
            } else {
                out.put(key, e.getValue() instanceof List<?> l ? new ArrayList<>(l) : e.getValue());
            }
        }
    }
}
