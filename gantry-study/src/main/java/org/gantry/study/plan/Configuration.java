package org.gantry.study.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration of a study: its factor levels and search values. Its id stays the same when
 * the study is extended (more points, more levels), so its trials' directories keep their names.
 *
 * @param id {@code c0000}, {@code c0001}, ...
 * @param settings training keys to values: the factors' levels first, then the search point's values
 * @param point the index of its search point, or -1 without a search space
 */
public record Configuration(String id, Map<String, Object> settings, int point) {
    public Configuration {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The settings as one line, the identity a stored plan is matched by. */
    public static String identity(Map<String, Object> settings) {
        StringBuilder b = new StringBuilder();
        settings.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return b.toString();
    }

    public String identity() {
        return identity(settings);
    }
}
