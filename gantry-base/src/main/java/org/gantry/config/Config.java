package org.gantry.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fully resolved configuration: every key of the schema with its typed value (defaults filled
 * in). Immutable; built by {@link ConfigBuilder}.
 */
public final class Config {
    private final Schema schema;
    private final Map<String, Object> values;

    Config(Schema schema, Map<String, Object> values) {
        this.schema = schema;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        if (schema.find(setting.key()).isEmpty()) {
            throw new IllegalStateException("setting not in schema: " + setting.key());
        }
        return (T) values.get(setting.key());
    }

    public Schema schema() {
        return schema;
    }

    /** Dotted key to value, in schema order; unset optional keys map to null. */
    public Map<String, Object> values() {
        return values;
    }

    /** The values as YAML-ready nested maps ({@code train.steps} becomes {@code train: {steps: …}}). */
    public Map<String, Object> toNestedMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Setting<?> s : schema.settings()) {
            put(root, s.key(), yamlValue(s));
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private <T> Object yamlValue(Setting<T> s) {
        T v = (T) values.get(s.key());
        return v == null ? null : s.type().toYaml(v);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String key, Object value) {
        String[] parts = key.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        node.put(parts[parts.length - 1], value);
    }

    public String toYaml() {
        return Yaml.write(toNestedMap());
    }
}
