package org.gantry.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.gantry.config.ConfigException;

/**
 * Unpacks a gzip-compressed tar archive (the form CIFAR-10 is published in). Only regular files
 * and directories are written; an entry whose path would leave the target directory is refused.
 */
final class TarGzArchive {
    private TarGzArchive() {}

    /** Writes the archive's files under {@code target}, which must exist. */
    static void extract(Path archive, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file, 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root) || (out.equals(root) && !entry.isDirectory())) {
                    throw new ConfigException("archive '" + archive + "' holds an entry outside its folder: '"
                            + entry.getName() + "'; refusing to unpack it");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING); // a later duplicate wins, as with tar
                }
                // Links and devices are skipped: published data sets need neither.
            }
        }
    }
}
