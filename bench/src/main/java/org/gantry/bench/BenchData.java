package org.gantry.bench;

import java.nio.file.Path;

/** Where the benchmarks find their data. */
final class BenchData {
    private BenchData() {}

    /** --mnist when given, else ../shared/data/mnist next to the Gantry checkout (-Dgantry.home). */
    static Path mnist(Path option) {
        Path home = Path.of(System.getProperty("gantry.home", ".")).toAbsolutePath();
        return (option != null ? option : home.resolve("../shared/data/mnist")).toAbsolutePath().normalize();
    }
}
