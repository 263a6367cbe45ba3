package org.gantry.cli;

import org.gantry.config.ConfigException;
import picocli.CommandLine.Option;

/** The {@code --threads} option of the commands that start the engine themselves, checked in one place. */
final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "libtorch threads; 0 means one per core (default: ${DEFAULT-VALUE}).")
    private int threads;

    /** The requested intra-op thread count, 0 meaning one per core; a negative count is bad input. */
    int value() {
        if (threads < 0) {
            throw new ConfigException("--threads " + threads + " is not allowed; allowed: 0 (one per core) or more");
        }
        return threads;
    }
}
