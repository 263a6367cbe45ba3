package org.gantry.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The set of known configuration keys, in the order they are documented. */
public final class Schema {
    private final Map<String, Setting<?>> settings = new LinkedHashMap<>();
    private final Map<String, String> renamed = new LinkedHashMap<>();
    /** The command that lists these keys, named in unknown-key errors. */
    private final String listing;

    /** The keys of a training configuration, listed by {@code gantry train --describe}. */
    public Schema() {
        this("gantry train --describe");
    }

    /** Keys of another kind of document, listed by the command {@code listing}. */
    public Schema(String listing) {
        this.listing = listing;
    }

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

    /**
     * Reads {@code oldKey} as {@code newKey}: a key renamed in a later release, which configurations
     * stored by earlier runs still hold. The old name is not listed and not suggested.
     */
    public Schema rename(String oldKey, String newKey) {
        if (!settings.containsKey(newKey) || settings.containsKey(oldKey)) {
            throw new IllegalStateException("cannot rename '" + oldKey + "' to '" + newKey + "'");
        }
        renamed.put(oldKey, newKey);
        return this;
    }

    /** The setting of {@code key}, also under a name it had before ({@link #rename}). */
    public Optional<Setting<?>> find(String key) {
        return Optional.ofNullable(settings.get(renamed.getOrDefault(key, key)));
    }

    public Collection<Setting<?>> settings() {
        return Collections.unmodifiableCollection(settings.values());
    }

    /** The error for a key that is not in the schema, with the closest known key as a hint. */
    /** Whether {@code key} is the prefix of other keys ("train" of "train.steps"), not a key itself. */
    public boolean isSection(String key) {
        return !settings.containsKey(key) && settings.keySet().stream().anyMatch(k -> k.startsWith(key + "."));
    }

    /** The keys under a section, comma-separated, at most five and "..." after. */
    public String keysIn(String section) {
        List<String> keys = settings.keySet().stream().filter(k -> k.startsWith(section + ".")).toList();
        return String.join(", ", keys.subList(0, Math.min(5, keys.size()))) + (keys.size() > 5 ? ", ..." : "");
    }

    public ConfigException unknownKey(String key, String source) {
        String hint = closestKey(key).map(k -> " — did you mean '" + k + "'?").orElse("");
        return new ConfigException("unknown key '" + key + "'" + hint + " (in " + source
                + "; `" + listing + "` lists every key)");
    }

    Optional<String> closestKey(String key) {
        // A hint that needs more edits than half the key is noise, not help.
        return EditDistance.closest(key, settings.keySet(), Math.max(2, key.length() / 2));
    }
}
