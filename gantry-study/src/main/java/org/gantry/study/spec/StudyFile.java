package org.gantry.study.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.config.ConfigException;
import org.gantry.config.Yaml;
import org.gantry.study.search.SearchDimension.Scale;
import org.gantry.study.search.SearchDimension;

/**
 * Reads a study file. The study's own keys go through their schema (unknown keys get a
 * did-you-mean); the free-form sections are taken apart here, and their training keys are checked
 * when the plan builds each trial's configuration, before anything runs.
 */
public final class StudyFile {
    private StudyFile() {}

    public static StudySpec read(Path file) {
        return read(file, List.of());
    }

    /**
     * The study file with {@code key=value} overrides of its own keys (as {@code --set} gives them),
     * e.g. {@code search.seed=3}: one file, many repeats.
     */
    public static StudySpec read(Path file, List<String> overrides) {
        Map<String, Object> document = new LinkedHashMap<>(Yaml.readFile(file));
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set expects key=value, got '" + o + "'");
            }
            String key = o.substring(0, eq).trim();
            if (StudySettings.FREE_SECTIONS.stream().anyMatch(section -> key.equals(section) || key.startsWith(section + "."))) {
                throw new ConfigException("--set " + key + ": training keys of base.set, factors and search.space are "
                        + "set in the study file; --set takes the study's own keys (gantry study describe)");
            }
            removeNested(document, key);
            document.put(key, o.substring(eq + 1).trim());
        }
        return parse(document, file, "study file '" + file + "'" + (overrides.isEmpty() ? "" : " with --set " + overrides));
    }

    /** Drops {@code a.b.c} given nested as {a: {b: {c: ...}}}, so that the override is the only value. */
    @SuppressWarnings("unchecked")
    private static void removeNested(Map<String, Object> document, String dotted) {
        String[] parts = dotted.split("\\.");
        Map<String, Object> node = document;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(node.get(parts[i]) instanceof Map<?, ?> child)) {
                return;
            }
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) child);
            node.put(parts[i], copy);
            node = copy;
        }
        node.remove(parts[parts.length - 1]);
    }

    /** A study document already read, e.g. from a string in a test or built in Java. */
    public static StudySpec parse(Map<String, Object> document, Path file, String source) {
        Map<String, Object> flat = new LinkedHashMap<>();
        Map<String, Object> free = new LinkedHashMap<>();
        split("", document, flat, free, source);
        ConfigBuilder builder = new ConfigBuilder(StudySettings.schema());
        flat.forEach((k, v) -> builder.setRaw(k, v, source));
        Config settings = builder.build();
        if (settings.get(StudySettings.METRIC) == null) {
            throw new ConfigException("the study names no metric to compare: set metric.name (e.g. metric: {name: fid}) "
                    + "in " + source);
        }
        Map<String, Object> baseSet = trainingKeys(free.get("base.set"), "base.set", source);
        Map<String, List<Object>> factors = new LinkedHashMap<>();
        trainingKeys(free.get("factors"), "factors", source).forEach((k, v) -> factors.put(k, levels(k, v, source)));
        List<SearchDimension> space = new ArrayList<>();
        Map<String, Object> rawSpace = new LinkedHashMap<>();
        if (free.get("search.space") != null) {
            flattenSpace("", mapping(free.get("search.space"), "search.space", source), rawSpace, source);
        }
        rawSpace.forEach((k, v) -> space.add(dimension(k, v, source)));
        for (SearchDimension d : space) {
            if (factors.containsKey(d.key()) || baseSet.containsKey(d.key())) {
                throw new ConfigException("'" + d.key() + "' is both in search.space and in "
                        + (factors.containsKey(d.key()) ? "factors" : "base.set") + " (in " + source + "); give it in one place");
            }
        }
        for (String k : factors.keySet()) {
            if (baseSet.containsKey(k)) {
                throw new ConfigException("'" + k + "' is both in factors and in base.set (in " + source + "); give it in one place");
            }
        }
        checkStopping(settings, source);
        return new StudySpec(file, settings, baseSet, factors, space, document);
    }

    private static void checkStopping(Config settings, String source) {
        String policy = settings.get(StudySettings.POLICY);
        List<Integer> rungs = settings.get(StudySettings.RUNGS);
        if ("racing".equals(policy) && settings.get(StudySettings.SEEDS) < 2) {
            throw new ConfigException("racing compares configurations seed by seed: set seeds to at least 2 (in " + source + ")");
        }
        if (!"none".equals(policy) && rungs == null) {
            throw new ConfigException("stopping.policy " + policy + " decides at rungs: set stopping.rungs, e.g. [1000, 2000] "
                    + "(in " + source + ")");
        }
        if (rungs != null) {
            for (int i = 1; i < rungs.size(); i++) {
                if (rungs.get(i) <= rungs.get(i - 1)) {
                    throw new ConfigException("stopping.rungs must increase, but " + rungs.get(i) + " follows "
                            + rungs.get(i - 1) + " (in " + source + ")");
                }
            }
        }
    }

    /** Study keys go to {@code flat}; the free-form sections, whole, to {@code free}. */
    @SuppressWarnings("unchecked")
    private static void split(String prefix, Map<String, Object> node, Map<String, Object> flat, Map<String, Object> free,
            String source) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (StudySettings.FREE_SECTIONS.contains(key)) {
                free.put(key, e.getValue());
            } else if (StudySettings.FREE_SECTIONS.stream().anyMatch(s -> s.startsWith(key + "."))
                    && e.getValue() instanceof Map<?, ?> child) {
                split(key, (Map<String, Object>) child, flat, free, source);
            } else if (StudySettings.FREE_SECTIONS.stream().anyMatch(s -> key.startsWith(s + "."))) {
                String section = StudySettings.FREE_SECTIONS.stream().filter(s -> key.startsWith(s + ".")).findFirst().orElseThrow();
                Map<String, Object> m = (Map<String, Object>) free.computeIfAbsent(section, s -> new LinkedHashMap<>());
                m.put(key.substring(section.length() + 1), e.getValue());
            } else if (e.getValue() instanceof Map<?, ?> child) {
                split(key, (Map<String, Object>) child, flat, free, source);
            } else {
                flat.put(key, e.getValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Object raw, String section, String source) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw new ConfigException("'" + section + "' must be a mapping of training keys, not "
                    + (raw instanceof List<?> ? "a list" : "'" + raw + "'") + " (in " + source + ")");
        }
        return (Map<String, Object>) m;
    }

    /** A free section's training keys, nested mappings flattened to dotted keys. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> trainingKeys(Object raw, String section, String source) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        flatten("", mapping(raw, section, source), out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> node, Map<String, Object> out) {
        node.forEach((k, v) -> {
            String key = prefix.isEmpty() ? k : prefix + "." + k;
            if (v instanceof Map<?, ?> child) {
                flatten(key, (Map<String, Object>) child, out);
            } else {
                out.put(key, v);
            }
        });
    }

    private static List<Object> levels(String key, Object raw, String source) {
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw new ConfigException("factor '" + key + "' needs a non-empty list of levels, e.g. " + key + ": [a, b], not "
                    + (raw == null ? "an empty value" : "'" + raw + "'") + " (in " + source + ")");
        }
        List<Object> out = new ArrayList<>(list);
        if (out.stream().map(String::valueOf).distinct().count() < out.size()) {
            throw new ConfigException("factor '" + key + "' lists a level twice: " + out + " (in " + source + ")");
        }
        return out;
    }

    /** Search-space keys down to the mapping that gives a range ({linear|log|int: [lo, hi]} or {choice: [...]}). */
    @SuppressWarnings("unchecked")
    private static void flattenSpace(String prefix, Map<String, Object> node, Map<String, Object> out, String source) {
        node.forEach((k, v) -> {
            String key = prefix.isEmpty() ? k : prefix + "." + k;
            boolean range = v instanceof Map<?, ?> m && m.size() == 1 && m.keySet().stream().allMatch(s -> isScale(String.valueOf(s)));
            if (v instanceof Map<?, ?> m && m.size() == 1 && !range && m.values().iterator().next() instanceof List<?>) {
                throw new ConfigException("search.space key '" + key + "': '" + m.keySet().iterator().next()
                        + "' is not a scale; use linear, log, int or choice (in " + source + ")");
            }
            if (v instanceof Map<?, ?> child && !range) {
                flattenSpace(key, (Map<String, Object>) child, out, source);
            } else {
                out.put(key, v);
            }
        });
    }

    private static boolean isScale(String s) {
        for (Scale scale : Scale.values()) {
            if (scale.key().equals(s)) {
                return true;
            }
        }
        return false;
    }

    private static SearchDimension dimension(String key, Object raw, String source) {
        String expected = "search.space key '" + key + "' needs one of {linear: [low, high]}, {log: [low, high]}, "
                + "{int: [low, high]} or {choice: [a, b, ...]}";
        if (!(raw instanceof Map<?, ?> m) || m.size() != 1) {
            throw new ConfigException(expected + ", not " + (raw == null ? "an empty value" : "'" + raw + "'") + " (in " + source + ")");
        }
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        Scale scale = Scale.valueOf(String.valueOf(e.getKey()).toUpperCase(java.util.Locale.ROOT));
        if (!(e.getValue() instanceof List<?> values) || values.isEmpty()) {
            throw new ConfigException(expected + " (in " + source + ")");
        }
        if (scale == Scale.CHOICE) {
            return new SearchDimension(key, scale, 0, 0, new ArrayList<>(values));
        }
        if (values.size() != 2) {
            throw new ConfigException(expected + ": " + scale.key() + " takes two numbers, got " + values + " (in " + source + ")");
        }
        double low = number(key, values.get(0), source);
        double high = number(key, values.get(1), source);
        if (!(low < high)) {
            throw new ConfigException("search.space key '" + key + "': the range's low end " + values.get(0)
                    + " must be below its high end " + values.get(1) + " (in " + source + ")");
        }
        if (scale == Scale.LOG && low <= 0) {
            throw new ConfigException("search.space key '" + key + "': a log range needs a positive low end, got "
                    + values.get(0) + " (in " + source + ")");
        }
        if (scale == Scale.INT && (low != Math.rint(low) || high != Math.rint(high))) {
            throw new ConfigException("search.space key '" + key + "': an int range needs whole numbers, got " + values
                    + " (in " + source + ")");
        }
        return new SearchDimension(key, scale, low, high, null);
    }

    private static double number(String key, Object raw, String source) {
        try {
            double v = raw instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(raw).trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException ex) {
            throw new ConfigException("search.space key '" + key + "': '" + raw + "' is not a number (in " + source + ")");
        }
    }
}
