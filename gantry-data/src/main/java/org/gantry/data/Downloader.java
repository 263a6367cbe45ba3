package org.gantry.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.gantry.config.ConfigException;
import org.gantry.io.Directories;

/**
 * Fetches known files into a cache folder, for users with internet access. The bytes go to a
 * temporary file whose digest is checked before it is renamed into place, so the cache never
 * holds a partial or wrong file; a cached file is checked again before use. Archives are unpacked
 * into a temporary folder that is renamed into place whole, so a folder in the cache is complete.
 */
public final class Downloader {
    private static final int CONNECT_TIMEOUT_MS = 30_000;
    private static final int READ_TIMEOUT_MS = 120_000;

    private final Path cacheDir;

    public Downloader(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** {@code $GANTRY_CACHE}, else {@code ~/.cache/gantry}. */
    public static Path defaultCacheDir() {
        String env = System.getenv("GANTRY_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "gantry");
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** The cached file named {@code fileName}, downloading it from {@code source} if needed. */
    public Path fetch(URI source, String fileName, String sha256) throws IOException {
        return fetch(source, fileName, FileDigest.sha256(sha256));
    }

    /** The cached file named {@code fileName} with digest {@code expected}, downloading it if needed. */
    public Path fetch(URI source, String fileName, FileDigest expected) throws IOException {
        Path target = cacheDir.resolve(fileName);
        if (Files.isRegularFile(target)) {
            if (expected.matches(target)) {
                return target;
            }
            Files.delete(target); // a stale or damaged copy: fetch it again
        }
        Path created = firstMissing(cacheDir);
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, "." + fileName + ".", ".part");
        boolean done = false;
        try {
            URLConnection connection = source.toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            }
            String actual = expected.compute(tmp);
            if (!actual.equals(expected.hex())) {
                throw new ConfigException("download of '" + source + "' has " + expected.algorithm() + " " + actual
                        + ", expected " + expected.hex() + "; nothing was written to " + target);
            }
            moveIntoPlace(tmp, target);
            done = true;
            return target;
        } finally {
            Files.deleteIfExists(tmp);
            if (!done) {
                removeEmpty(cacheDir, created);
            }
        }
    }

    /** The outermost folder of {@code dir}'s path that does not exist yet, or null if {@code dir} exists. */
    private static Path firstMissing(Path dir) {
        Path missing = null;
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /** After a failed download: removes the empty folders it created, from {@code dir} up to {@code outermost}. */
    private static void removeEmpty(Path dir, Path outermost) {
        if (outermost == null) {
            return;
        }
        for (Path p = dir.toAbsolutePath(); p != null && p.startsWith(outermost); p = p.getParent()) {
            try {
                Files.delete(p); // fails, and stops, at the first folder that is not empty
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Fetches every file of {@code files} into the cache folder and returns that folder. */
    public Path fetchAll(List<KnownFile> files) throws IOException {
        for (KnownFile f : files) {
            fetch(f.url(), f.fileName(), f.digest());
        }
        return cacheDir;
    }

    /**
     * The cached folder {@code folder} unpacked from the tar.gz {@code archive}, which must hold it
     * at its top level. The archive is downloaded and verified, unpacked into a temporary folder,
     * the folder renamed into place, then the archive deleted; a folder already in the cache is used
     * as it is.
     */
    public Path fetchUnpacked(KnownFile archive, String folder) throws IOException {
        Path target = cacheDir.resolve(folder);
        if (Files.isDirectory(target)) {
            return target;
        }
        Path tarGz = fetch(archive.url(), archive.fileName(), archive.digest());
        Path tmp = Files.createTempDirectory(cacheDir, "." + folder + ".");
        try {
            TarGzArchive.extract(tarGz, tmp);
            Path unpacked = tmp.resolve(folder);
            if (!Files.isDirectory(unpacked)) {
                throw new ConfigException("archive '" + tarGz + "' (from " + archive.url() + ") has no folder '" + folder
                        + "' at its top level");
            }
            try {
                moveIntoPlace(unpacked, target);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                if (!Files.isDirectory(target)) { // else another process unpacked it first: use theirs
                    throw e;
                }
            }
            Files.delete(tarGz);
            return target;
        } finally {
            Directories.deleteTree(tmp);
        }
    }

    /** SHA-256 of {@code file}, lower-case hexadecimal. */
    public static String sha256(Path file) throws IOException {
        return FileDigest.hexDigest("SHA-256", file);
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
