package org.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.gantry.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantry eval} on a run whose checkpoint has format 2 (gantry-core's test resource
 * {@code checkpoint/format2-run}, written at commit 72f5a9d) gives the FID it gave then.
 */
class LegacyRunEvalTest {
    /** `gantry eval --metrics fid` on that run when it was written (AMD EPYC, 500 samples, seed 0). */
    static final double FID_WHEN_WRITTEN = 38.64571518971403;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @Test
    void aFormatTwoRunEvaluatesToTheFidItHadWhenWritten(@TempDir Path dir) throws IOException {
        Path mnist = Path.of(System.getProperty("gantry.shared", "../../shared"), "data", "mnist").toAbsolutePath();
        assumeTrue(Files.isDirectory(mnist), "shared MNIST not present");
        Path resources = Path.of("../gantry-core/src/test/resources/org/gantry/core");
        Path run = dir.resolve("run");
        copy(resources.resolve("checkpoint/format2-run"), run);
        // The data moved since (it was ../shared/data/mnist from the repository root).
        Path config = run.resolve("config.yaml");
        Files.writeString(config, Files.readString(config).replace("path: ../shared/data/mnist", "path: " + mnist));
        Path out = dir.resolve("eval.json");
        assertThat(Main.execute("eval", "--run", run.toString(), "--metrics", "fid", "--feature-network",
                resources.resolve("evaluate/pooled_pixels_net.pt").toString(), "--out", out.toString()))
                .as(console.err.toString()).isEqualTo(0);
        JsonNode report = Json.mapper().readTree(out.toFile());
        assertThat(report.path("step").asLong()).isEqualTo(20);
        // The weights load bit-exactly (LegacyCheckpointTest); what may differ on another CPU is its
        // convolution kernels' rounding, a few ulps in each sample, far below 1e-3 in FID. A network
        // loaded into the wrong place or left at its initialisation moves FID by whole units.
        assertThat(report.path("metrics").path("fid").path("mean").asDouble()).isCloseTo(FID_WHEN_WRITTEN, within(1e-3));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
