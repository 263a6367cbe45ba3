package org.gantry.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader (or a crash) never sees half of one: the bytes go to a temporary
 * file in the same directory, which is then renamed over the target.
 */
public final class AtomicFiles {
    /** The suffix of the temporary file a write goes to first. */
    static final String TEMPORARY = ".tmp";

    private AtomicFiles() {}

    /** Writes through a stream callback; the target appears only if the callback completes. */
    public static void write(Path target, StreamWriter writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", TEMPORARY);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    /**
     * Deletes the temporary files of writes into {@code dir} that never finished (a kill between
     * creating and renaming one). Call it only when no write into {@code dir} is under way.
     *
     * @return how many were deleted
     */
    public static int removeUnfinished(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(TEMPORARY) && Files.isRegularFile(p)) {
                    Files.delete(p);
                    n++;
                }
            }
        }
        return n;
    }

    /** Produces a file's contents. */
    @FunctionalInterface
    public interface StreamWriter {
        void writeTo(OutputStream out) throws IOException;
    }
}
