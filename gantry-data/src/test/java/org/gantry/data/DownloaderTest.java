package org.gantry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gantry.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against local file: URLs; no test touches the network. */
class DownloaderTest {
    // SHA-256 of the ASCII bytes "hello gantry\n", computed with sha256sum.
    static final String HELLO_SHA = "2db2ebfd13381595a9881166e2346aebdaca56d83c54c8b98119e2eb2f64a3b5";

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
        assertThatThrownBy(() -> new Downloader(cache).fetch(source.toUri(), "hello.txt", HELLO_SHA))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected " + HELLO_SHA);
        try (var files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
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
}
