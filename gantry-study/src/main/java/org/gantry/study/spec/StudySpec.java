package org.gantry.study.spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.study.search.SearchDimension;

/**
 * A study as its file describes it, checked: what every trial starts from, the factors crossed as a
 * grid, the search space and how it is sampled, the seeds, the budget, the metric and the stopping
 * policy. {@link org.gantry.study.plan.StudyPlan} turns it into configurations and trials.
 *
 * @param file the study file (relative paths in it are relative to its folder), or null when built in Java
 * @param settings the study's own keys ({@link StudySettings}), resolved
 * @param baseSet training keys every trial sets, in order
 * @param factors training keys crossed as a grid, each with its levels, in order
 * @param space the search space's keys
 * @param document the study as read, stored beside its results
 */
public record StudySpec(Path file, Config settings, Map<String, Object> baseSet, Map<String, List<Object>> factors,
        List<SearchDimension> space, Map<String, Object> document) {

    public StudySpec {
        baseSet = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(baseSet));
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        factors.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        factors = java.util.Collections.unmodifiableMap(copy);
        space = List.copyOf(space);
        document = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(document));
    }

    public String name() {
        String name = settings.get(StudySettings.NAME);
        if (name != null) {
            return name;
        }
        if (file == null) {
            return "study";
        }
        String f = file.getFileName().toString();
        return f.endsWith(".yaml") ? f.substring(0, f.length() - 5) : f.endsWith(".yml") ? f.substring(0, f.length() - 4) : f;
    }

    public <T> T get(org.gantry.config.Setting<T> setting) {
        return settings.get(setting);
    }

    /** The base training file, resolved against the study file's folder. */
    public Path baseConfig() {
        String c = settings.get(StudySettings.CONFIG);
        if (c == null) {
            return null;
        }
        Path p = Path.of(c);
        return p.isAbsolute() || file == null || file.toAbsolutePath().getParent() == null ? p
                : file.toAbsolutePath().getParent().resolve(p);
    }
}
