package org.gantry.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.gantry.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example in README.md, exactly as printed there: compiled, then run in its own JVM. */
class ReadmeExampleTest {

    static String example() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("<!-- java-example:start -->");
        int end = readme.indexOf("<!-- java-example:end -->");
        assertThat(start).as("README marks its Java example").isPositive();
        String block = readme.substring(start, end);
        return block.substring(block.indexOf("```java") + "```java".length(), block.lastIndexOf("```"));
    }

    @Test
    void theReadmeExampleCompilesAndTrains(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src);
        Path file = src.resolve("GantryExample.java");
        Files.writeString(file, example());
        String classpath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", src.toString(), "-cp", classpath, file.toString());
        assertThat(rc).as("javac exit code").isZero();

        Path run = dir.resolve("run");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Djava.awt.headless=true", "-cp",
                src + File.pathSeparator + classpath, "GantryExample", run.toString(), "300")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("completed, 300 steps: ").contains("of 8 modes").contains("DRS accepted ");

        JsonNode summary = Json.mapper().readTree(run.resolve("summary.json").toFile());
        assertThat(summary.path("status").asText()).isEqualTo("completed");
        assertThat(summary.path("steps").asLong()).isEqualTo(300);
        List<String> config = Files.readAllLines(run.resolve("config.yaml"));
        assertThat(config).anySatisfy(line -> assertThat(line).contains("my_mlp"));
        assertThat(config).anySatisfy(line -> assertThat(line).contains("hinge"));
        assertThat(Files.readAllLines(run.resolve("metrics.jsonl"))).hasSize(1);
    }
}
