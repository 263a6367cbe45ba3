package org.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network-layer verdict is checked once per key, kept across processes, and never trusted for another key. */
class ConvolutionVerdictsTest {
    private final AtomicInteger runs = new AtomicInteger();

    private Supplier<List<String>> check(List<String> failures) {
        return () -> {
            runs.incrementAndGet();
            return failures;
        };
    }

    private static Map<String, String> key(String threads) {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("model_name", "AMD EPYC");
        k.put("threads", threads);
        return k;
    }

    @Test
    void aVerdictIsCheckedOnceThenReadBackByAnotherInstanceForTheSameKeyOnly(@TempDir Path dir) {
        ConvolutionVerdicts.Verdict first = new ConvolutionVerdicts(dir).get(key("2"), check(List.of()));
        assertThat(first.passed()).isTrue();
        assertThat(first.source()).startsWith("checked now, cached in " + dir.resolve("convolution-check-"));
        ConvolutionVerdicts.Verdict again = new ConvolutionVerdicts(dir).get(key("2"), check(List.of("x")));
        assertThat(again.passed()).isTrue();
        assertThat(again.source()).isEqualTo("cached in " + new ConvolutionVerdicts(dir).file(key("2")));
        assertThat(again.checkedAt()).isEqualTo(first.checkedAt());
        assertThat(again.seconds()).isEqualTo(first.seconds());
        assertThat(runs).hasValue(1);
        ConvolutionVerdicts.Verdict otherThreads = new ConvolutionVerdicts(dir).get(key("1"), check(List.of("bad")));
        assertThat(otherThreads.failures()).containsExactly("bad");
        assertThat(runs).hasValue(2);
    }

    @Test
    void failuresAreKeptSoABadMachineStaysOnAtenWithoutRecheckingAtEveryStart(@TempDir Path dir) {
        new ConvolutionVerdicts(dir).get(key("2"), check(List.of("n16 in1 out64 output error NaN")));
        ConvolutionVerdicts.Verdict cached = new ConvolutionVerdicts(dir).get(key("2"), check(List.of()));
        assertThat(cached.failures()).containsExactly("n16 in1 out64 output error NaN");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aDamagedFileIsCheckedAgainAndReplacedAndNoTemporaryFileIsLeft(@TempDir Path dir) throws IOException {
        ConvolutionVerdicts verdicts = new ConvolutionVerdicts(dir);
        Path file = verdicts.file(key("2"));
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"format\": 1, \"key\": ");
        ConvolutionVerdicts.Verdict v = verdicts.get(key("2"), check(List.of()));
        assertThat(v.source()).endsWith("replaced unreadable " + file);
        assertThat(runs).hasValue(1);
        assertThat(verdicts.get(key("2"), check(List.of("x"))).passed()).isTrue();
        assertThat(runs).hasValue(1);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void anUnwritableCacheStillGivesTheVerdictAndSaysItWasNotCached(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "");
        ConvolutionVerdicts.Verdict v = new ConvolutionVerdicts(notADirectory).get(key("2"), check(List.of("bad")));
        assertThat(v.failures()).containsExactly("bad");
        assertThat(v.source()).startsWith("checked now, not cached (");
    }
}
