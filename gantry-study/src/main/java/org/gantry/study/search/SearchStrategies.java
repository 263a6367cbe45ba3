package org.gantry.study.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The search strategies a study file names under {@code search.strategy}. */
public final class SearchStrategies {
    /** Builds a strategy's sequence for a number of dimensions and a seed. */
    @FunctionalInterface
    public interface Factory {
        PointSequence create(int dimension, long seed);
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        register("sobol", "scrambled Sobol' points (Matoušek linear scrambling + digital shift); extendable",
                ScrambledSobol::new);
        register("halton", "scrambled Halton points (random digit permutations per position); extendable",
                ScrambledHalton::new);
        register("random", "independent uniform points; extendable", UniformRandom::new);
        register("grid", "a full grid of L^d cell centres, the largest that fits search.points; not extendable",
                (d, seed) -> new GridPoints(d));
    }

    private SearchStrategies() {}

    /** Adds a strategy; its name becomes a value of {@code search.strategy}. */
    public static synchronized void register(String name, String description, Factory factory) {
        FACTORIES.put(name, factory);
        DESCRIPTIONS.put(name, description);
    }

    public static synchronized Set<String> names() {
        return Set.copyOf(FACTORIES.keySet());
    }

    public static synchronized String description(String name) {
        return DESCRIPTIONS.get(name);
    }

    public static synchronized PointSequence create(String name, int dimension, long seed) {
        Factory f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no search strategy '" + name + "'; there are " + FACTORIES.keySet());
        }
        return f.create(dimension, seed);
    }
}
