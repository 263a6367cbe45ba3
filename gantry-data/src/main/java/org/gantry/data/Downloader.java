package org.gantry.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.gantry.config.ConfigException;

/**
 * Fetches a known file into a cache folder, for users with internet access. The bytes go to a
 * temporary file whose SHA-256 is checked before it is renamed into place, so the cache never
 * holds a partial or wrong file; a cached file is checked again before use.
 */
public final class Downloader {
    private final Path cacheDir;

    public Downloader(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** {@code $GANTRY_CACHE}, else {@code ~/.cache/gantry}. */
    public static Path defaultCacheDir() {
        String env = System.getenv("GANTRY_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "gantry");
    }

    /** The cached file named {@code fileName}, downloading it from {@code source} if needed. */
    public Path fetch(URI source, String fileName, String sha256) throws IOException {
        Path target = cacheDir.resolve(fileName);
        if (Files.isRegularFile(target)) {
            String actual = sha256(target);
            if (actual.equalsIgnoreCase(sha256)) {
                return target;
            }
            Files.delete(target); // a stale or damaged copy: fetch it again
        }
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, "." + fileName + ".", ".part");
        try {
            try (InputStream in = source.toURL().openStream(); OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            }
            String actual = sha256(tmp);
            if (!actual.equalsIgnoreCase(sha256)) {
                throw new ConfigException("download of '" + source + "' has SHA-256 " + actual + ", expected " + sha256
                        + "; nothing was written to " + target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
