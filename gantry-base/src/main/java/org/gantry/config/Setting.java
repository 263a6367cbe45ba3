package org.gantry.config;

/**
 * One configuration key: its dotted name, type, default and the sentence that documents it. The
 * component that reads a setting declares it, so the key, its default and its documentation live
 * in one place; {@code gantry train --describe} lists them all.
 *
 * @param key dotted name, e.g. {@code train.steps}
 * @param type how values are parsed and what is allowed
 * @param defaultValue used when no layer sets the key; {@code null} means "unset"
 * @param description one sentence for the key listing
 */
public record Setting<T>(String key, ValueType<T> type, T defaultValue, String description) {

    public static <T> Setting<T> of(String key, ValueType<T> type, T defaultValue, String description) {
        return new Setting<>(key, type, defaultValue, description);
    }
}
