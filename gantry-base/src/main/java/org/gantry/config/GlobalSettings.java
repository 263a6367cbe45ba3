package org.gantry.config;

/** Settings that every part of a run shares. */
public final class GlobalSettings {
    private GlobalSettings() {}

    public static final Setting<Long> SEED = Setting.of("seed", ValueType.longInteger(), 0L,
            "Run seed: drives data sampling, data order, initialisation and noise; same seed, same run.");
}
