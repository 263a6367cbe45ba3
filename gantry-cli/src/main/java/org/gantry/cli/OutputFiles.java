package org.gantry.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gantry.config.ConfigException;
import org.gantry.io.IoErrors;

/** Checks on a command's output file, made before any work so that a bad path costs nothing. */
final class OutputFiles {
    private OutputFiles() {}

    /** Fails when {@code file} could not be written: blank, a directory, or a folder that refuses new files. */
    static void checkWritable(Path file, String what) throws IOException {
        if (file.toString().isBlank()) {
            throw new ConfigException("--out takes a file path; an empty one was given");
        }
        if (Files.isDirectory(file)) {
            throw new ConfigException("--out " + file + " is a directory; give the path of a file");
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".gantry-", ".probe"));
        } catch (IOException e) {
            throw new IOException(IoErrors.describe("write " + what + " to " + file, e), e);
        }
    }
}
