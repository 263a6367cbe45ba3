package org.gantry.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.gantry.config.ConfigException;
import org.gantry.io.IoErrors;

/**
 * The command line's answer to a failure: bad input (a key, a value, a missing file) is one line
 * naming it and exit code 2; a file that cannot be read or written is one line and exit code 1.
 */
final class CommandErrors {
    private CommandErrors() {}

    /** A command's body that may fail with a configuration or file error. */
    @FunctionalInterface
    interface Body {
        int run() throws IOException, InterruptedException;
    }

    static int guarded(Body body) {
        try {
            return body.run();
        } catch (ConfigException e) {
            System.err.println("gantry: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        } catch (IOException e) {
            System.err.println("gantry: " + IoErrors.reason(e));
            return 1;
        } catch (UncheckedIOException e) {
            System.err.println("gantry: " + e.getMessage() + ": " + IoErrors.reason(e.getCause()));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.EXIT_INTERRUPTED;
        }
    }
}
