package org.gantry.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The set of known configuration keys, in the order they are documented. */
public final class Schema {
    private final Map<String, Setting<?>> settings = new LinkedHashMap<>();

    public Schema add(Setting<?>... more) {
        for (Setting<?> s : more) {
            Setting<?> previous = settings.putIfAbsent(s.key(), s);
            if (previous != null && previous != s) {
                throw new IllegalStateException("configuration key declared twice: " + s.key());
            }
        }
        return this;
    }

    public Schema addAll(Collection<? extends Setting<?>> more) {
        more.forEach(this::add);
        return this;
    }

    public Optional<Setting<?>> find(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    public Collection<Setting<?>> settings() {
        return Collections.unmodifiableCollection(settings.values());
    }

    /** The error for a key that is not in the schema, with the closest known key as a hint. */
    public ConfigException unknownKey(String key, String source) {
        String hint = closestKey(key).map(k -> " — did you mean '" + k + "'?").orElse("");
        return new ConfigException("unknown key '" + key + "'" + hint + " (in " + source
                + "; `gantry train --describe` lists every key)");
    }

    Optional<String> closestKey(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : settings.keySet()) {
            int d = EditDistance.between(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        // A hint that needs more edits than half the key is noise, not help.
        return best != null && bestDistance <= Math.max(2, key.length() / 2) ? Optional.of(best) : Optional.empty();
    }
}
