package org.gantry.study.plan;

/**
 * One training run of a study: a configuration with one seed.
 *
 * @param id the directory name under {@code trials/}: configuration id and seed, e.g. {@code c0003-s1}
 */
public record Trial(String id, Configuration configuration, long seed) {
    public static String id(Configuration c, long seed) {
        return c.id() + "-s" + seed;
    }
}
