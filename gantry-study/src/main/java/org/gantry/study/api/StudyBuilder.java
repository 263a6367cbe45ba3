package org.gantry.study.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.study.spec.StudyFile;
import org.gantry.study.spec.StudySpec;

/**
 * A study described in Java: the same keys as a study file, checked the same way when
 * {@link #build()} is called.
 */
public final class StudyBuilder {
    private final Map<String, Object> document = new LinkedHashMap<>();
    private final Map<String, Object> baseSet = new LinkedHashMap<>();
    private final Map<String, Object> factors = new LinkedHashMap<>();
    private final Map<String, Object> space = new LinkedHashMap<>();
    private final Map<String, Object> stopping = new LinkedHashMap<>();

    StudyBuilder() {}

    public StudyBuilder name(String name) {
        document.put("name", name);
        return this;
    }

    /** Every trial starts from this preset. */
    public StudyBuilder preset(String name) {
        document.put("base.preset", name);
        return this;
    }

    /** A training key every trial sets. */
    public StudyBuilder set(String key, Object value) {
        baseSet.put(key, value);
        return this;
    }

    /** A training key crossed as a grid over {@code levels}. */
    public StudyBuilder factor(String key, Object... levels) {
        factors.put(key, new ArrayList<>(Arrays.asList(levels)));
        return this;
    }

    /** A search key on a range: scale linear, log or int. */
    public StudyBuilder range(String key, String scale, double low, double high) {
        space.put(key, Map.of(scale, List.of(low, high)));
        return this;
    }

    /** A categorical search key. */
    public StudyBuilder choice(String key, Object... values) {
        space.put(key, Map.of("choice", new ArrayList<>(Arrays.asList(values))));
        return this;
    }

    /** How the search space is sampled: sobol, halton, random or grid. */
    public StudyBuilder search(String strategy, int points, long seed) {
        document.put("search.strategy", strategy);
        document.put("search.points", points);
        document.put("search.seed", seed);
        return this;
    }

    public StudyBuilder seeds(int count) {
        document.put("seeds", count);
        return this;
    }

    public StudyBuilder steps(int steps) {
        document.put("steps", steps);
        return this;
    }

    /** The metric compared, with its own direction. */
    public StudyBuilder metric(String name) {
        document.put("metric.name", name);
        return this;
    }

    /** Racing at these rungs, stopping at confidence 1 - delta; {@code keep} of the configurations never stopped. */
    public StudyBuilder racing(double delta, double keep, Integer... rungs) {
        stopping.put("policy", "racing");
        stopping.put("delta", delta);
        stopping.put("keep", keep);
        stopping.put("rungs", List.of(rungs));
        return this;
    }

    /** Asynchronous successive halving at these rungs, promoting the best 1/eta. */
    public StudyBuilder asha(int eta, double keep, Integer... rungs) {
        stopping.put("policy", "asha");
        stopping.put("eta", eta);
        stopping.put("keep", keep);
        stopping.put("rungs", List.of(rungs));
        return this;
    }

    public StudyBuilder workers(int workers) {
        document.put("workers", workers);
        return this;
    }

    public StudyBuilder retries(int retries) {
        document.put("retries", retries);
        return this;
    }

    public StudySpec build() {
        Map<String, Object> doc = new LinkedHashMap<>(document);
        if (!baseSet.isEmpty()) {
            doc.put("base.set", baseSet);
        }
        if (!factors.isEmpty()) {
            doc.put("factors", factors);
        }
        if (!space.isEmpty()) {
            doc.put("search.space", space);
        }
        stopping.forEach((k, v) -> doc.put("stopping." + k, v));
        return StudyFile.parse(doc, null, "StudyBuilder");
    }
}
