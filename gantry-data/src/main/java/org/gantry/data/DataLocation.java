package org.gantry.data;

import java.io.IOException;
import java.nio.file.Path;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;

/**
 * Where a file-backed data set's files are: {@code data.path} when it is set, else the download
 * cache when {@code data.download=true}, else a message saying what {@code data.path} must hold.
 */
final class DataLocation {
    private DataLocation() {}

    /** Brings the files into a cache folder (through the downloader) and returns the folder to read. */
    @FunctionalInterface
    interface Download {
        Path into(Downloader downloader) throws IOException;
    }

    /**
     * @param dataName the data.name, for messages
     * @param contents what data.path must hold, for messages
     * @param cacheName the cache subfolder, shared by data sets built from the same files
     */
    static Path directory(Config c, String dataName, String contents, String cacheName, Download download) {
        String path = c.get(DataSets.PATH);
        if (path != null && !path.isBlank()) {
            return Path.of(path);
        }
        if (!c.get(DataSets.DOWNLOAD)) {
            throw new ConfigException("data.name=" + dataName + " needs data.path (" + contents
                    + ") or data.download=true");
        }
        Downloader downloader = new Downloader(Downloader.defaultCacheDir().resolve(cacheName));
        try {
            return download.into(downloader);
        } catch (IOException e) {
            throw new ConfigException("data.download=true: cannot download " + dataName + " into '"
                    + downloader.cacheDir() + "' (" + e + "); set data.path to a local copy instead", e);
        }
    }
}
