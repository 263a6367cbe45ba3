package org.gantry.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Named implementations of one extension kind (losses, architectures, data sets, metrics, ...).
 * Adding an implementation is one {@link #register} line next to the others; its settings come
 * with it, so the schema and the key listing pick them up without further edits.
 */
public final class Registry<T> {

    /** One implementation: its name in the configuration, a one-line description, a factory. */
    public record Entry<T>(String name, String description, Function<Config, T> factory, List<Setting<?>> settings) {}

    private final String kind;
    private final Map<String, Entry<T>> entries = new LinkedHashMap<>();

    public Registry(String kind) {
        this.kind = kind;
    }

    public Registry<T> register(String name, String description, Function<Config, T> factory, Setting<?>... settings) {
        if (entries.containsKey(name)) {
            throw new IllegalStateException(kind + " registered twice: " + name);
        }
        entries.put(name, new Entry<>(name, description, factory, List.of(settings)));
        return this;
    }

    public String kind() {
        return kind;
    }

    public T create(String name, Config config) {
        Entry<T> e = entries.get(name);
        if (e == null) {
            throw new ConfigException("unknown " + kind + " '" + name + "': allowed " + String.join(", ", names()));
        }
        return e.factory().apply(config);
    }

    public Collection<String> names() {
        return Collections.unmodifiableCollection(entries.keySet());
    }

    public Collection<Entry<T>> entries() {
        return Collections.unmodifiableCollection(entries.values());
    }

    /** Every setting declared by any entry, without repeats, in registration order. */
    public List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>();
        for (Entry<T> e : entries.values()) {
            for (Setting<?> s : e.settings()) {
                if (!all.contains(s)) {
                    all.add(s);
                }
            }
        }
        return all;
    }
}
