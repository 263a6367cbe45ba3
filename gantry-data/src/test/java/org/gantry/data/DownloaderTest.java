package org.gantry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.gantry.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against local file: URLs; no test touches the network. */
class DownloaderTest {
    // SHA-256 of the ASCII bytes "hello gantry\n", computed with sha256sum.
    static final String HELLO_SHA = "2db2ebfd13381595a9881166e2346aebdaca56d83c54c8b98119e2eb2f64a3b5";
    // MD5 of the same bytes, computed with md5sum.
    static final String HELLO_MD5 = "284998543fe15ba6a5e2a65dc97266da";

    @Test
    void fetchesVerifiesAndCaches(@TempDir Path tmp) throws IOException {
        Path source = tmp.resolve("remote.txt");
        Files.writeString(source, "hello gantry\n");
        assertThat(Downloader.sha256(source)).isEqualTo(HELLO_SHA);
        Downloader d = new Downloader(tmp.resolve("cache"));
        Path got = d.fetch(source.toUri(), "hello.txt", HELLO_SHA);
        assertThat(Files.readString(got)).isEqualTo("hello gantry\n");
        Files.delete(source); // a cached, verified copy needs no source
        assertThat(d.fetch(source.toUri(), "hello.txt", HELLO_SHA)).isEqualTo(got);
    }

    @Test
    void mismatchWritesNothingAndSaysWhy(@TempDir Path tmp) throws IOException {
        Path source = tmp.resolve("remote.txt");
        Files.writeString(source, "tampered\n");
        Path cache = tmp.resolve("cache");
        Files.createDirectories(cache);
        assertThatThrownBy(() -> new Downloader(cache).fetch(source.toUri(), "hello.txt", HELLO_SHA))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected " + HELLO_SHA);
        try (var files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aFailedDownloadRemovesTheFoldersItCreatedAndNoOther(@TempDir Path tmp) throws IOException {
        Path cache = tmp.resolve("fresh").resolve("mnist");
        assertThatThrownBy(() -> new Downloader(cache).fetch(tmp.resolve("missing.txt").toUri(), "hello.txt",
                HELLO_SHA)).isInstanceOf(IOException.class);
        assertThat(tmp.resolve("fresh")).doesNotExist();
        assertThat(tmp).exists();
        Path tampered = Files.writeString(tmp.resolve("remote.txt"), "tampered\n");
        assertThatThrownBy(() -> new Downloader(cache).fetch(tampered.toUri(), "hello.txt", HELLO_SHA))
                .isInstanceOf(ConfigException.class);
        assertThat(tmp.resolve("fresh")).doesNotExist();
    }

    @Test
    void damagedCacheIsReplaced(@TempDir Path tmp) throws IOException {
        Path source = tmp.resolve("remote.txt");
        Files.writeString(source, "hello gantry\n");
        Path cache = tmp.resolve("cache");
        Files.createDirectories(cache);
        Files.writeString(cache.resolve("hello.txt"), "hello gan");
        assertThat(Files.readString(new Downloader(cache).fetch(source.toUri(), "hello.txt", HELLO_SHA)))
                .isEqualTo("hello gantry\n");
    }

    @Test
    void md5DigestsAreCheckedToo(@TempDir Path tmp) throws IOException {
        Path source = tmp.resolve("remote.txt");
        Files.writeString(source, "hello gantry\n");
        Downloader d = new Downloader(tmp.resolve("cache"));
        assertThat(Files.readString(d.fetch(source.toUri(), "hello.txt", FileDigest.md5(HELLO_MD5.toUpperCase()))))
                .isEqualTo("hello gantry\n");
        Files.writeString(source, "tampered\n");
        assertThatThrownBy(() -> d.fetch(source.toUri(), "other.txt", FileDigest.md5(HELLO_MD5)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MD5").hasMessageContaining(HELLO_MD5);
    }

    /** A tar.gz holding {@code entries}: name, then contents ({@code null} for a directory). */
    static Path tarGz(Path file, String... entries) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (int i = 0; i < entries.length; i += 2) {
                TarArchiveEntry e = new TarArchiveEntry(entries[i]);
                byte[] bytes = entries[i + 1] == null ? new byte[0] : entries[i + 1].getBytes(StandardCharsets.UTF_8);
                e.setSize(bytes.length);
                tar.putArchiveEntry(e);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    static KnownFile known(Path archive) throws IOException {
        return new KnownFile("data.tar.gz", archive.toUri(), FileDigest.md5(FileDigest.hexDigest("MD5", archive)));
    }

    static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(Path::getFileName).sorted().toList();
        }
    }

    @Test
    void archivesAreUnpackedWholeAndThenReused(@TempDir Path tmp) throws IOException {
        Path archive = tarGz(tmp.resolve("remote.tar.gz"), "batches/", null, "batches/a.bin", "alpha",
                "batches/sub/b.bin", "beta", "readme.txt", "top-level file");
        Path cache = tmp.resolve("cache");
        KnownFile file = known(archive);
        Path got = new Downloader(cache).fetchUnpacked(file, "batches");
        assertThat(got).isEqualTo(cache.resolve("batches"));
        assertThat(Files.readString(got.resolve("a.bin"))).isEqualTo("alpha");
        assertThat(Files.readString(got.resolve("sub/b.bin"))).isEqualTo("beta");
        // Only the folder remains: no archive, no temporary folder, no stray top-level file.
        assertThat(listing(cache)).containsExactly(Path.of("batches"));
        Files.delete(archive);
        assertThat(new Downloader(cache).fetchUnpacked(file, "batches")).isEqualTo(got);
    }

    @Test
    void badArchivesLeaveNothingBehind(@TempDir Path tmp) throws IOException {
        Path cache = tmp.resolve("cache");
        Path escaping = tarGz(tmp.resolve("evil.tar.gz"), "batches/a.bin", "fine", "../escaped.txt", "gotcha");
        assertThatThrownBy(() -> new Downloader(cache).fetchUnpacked(known(escaping), "batches"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("../escaped.txt");
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
        assertThat(cache.resolve("escaped.txt")).doesNotExist();
        assertThat(cache.resolve("batches")).doesNotExist();
        Path other = tarGz(tmp.resolve("other.tar.gz"), "elsewhere/a.bin", "x");
        assertThatThrownBy(() -> new Downloader(cache).fetchUnpacked(known(other), "batches"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no folder 'batches'");
        assertThat(cache.resolve("batches")).doesNotExist();
        assertThat(listing(cache)).allMatch(p -> p.toString().equals("data.tar.gz")); // only the verified download
    }

    @Test
    void cifarArchiveUnpacksToReadableBatches(@TempDir Path tmp) throws IOException {
        Path batches = Cifar10BinaryTest.writeFakeBatches(tmp.resolve("src"));
        Path archive = tmp.resolve("cifar-10-binary.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.putArchiveEntry(new TarArchiveEntry(Cifar10Binary.FOLDER + "/"));
            tar.closeArchiveEntry();
            for (Path f : listing(batches)) {
                TarArchiveEntry e = new TarArchiveEntry(batches.resolve(f).toFile(), Cifar10Binary.FOLDER + "/" + f);
                tar.putArchiveEntry(e);
                Files.copy(batches.resolve(f), tar);
                tar.closeArchiveEntry();
            }
        }
        Path cache = tmp.resolve("cache");
        Path folder = new Downloader(cache).fetchUnpacked(known(archive), Cifar10Binary.FOLDER);
        ImageDataset d = Cifar10Binary.read("cifar10", cache, true);
        assertThat(folder).isEqualTo(cache.resolve(Cifar10Binary.FOLDER));
        assertThat(d.size()).isEqualTo(15);
        assertThat(d.label(14)).isEqualTo(4);
    }
}
