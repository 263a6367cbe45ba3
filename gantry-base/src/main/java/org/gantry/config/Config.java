package org.gantry.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

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

    /**
     * The keys, among those {@code compared} accepts, on which {@code other} holds another value, in
     * schema order, each as "key (this value -> other value)".
     */
    public List<String> changesTo(Config other, Predicate<String> compared) {
        List<String> changed = new ArrayList<>();
        for (Setting<?> s : schema.settings()) {
            Object mine = values.get(s.key());
            Object theirs = other.values.get(s.key());
            if (compared.test(s.key()) && !Objects.equals(mine, theirs)) {
                changed.add(s.key() + " (" + mine + " -> " + theirs + ")");
            }
        }
        return changed;
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
