package org.gantry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The command line of a Java process the benchmarks start: this JVM's java binary, options, class path, main class. */
final class ChildJvm {
    private ChildJvm() {}

    static List<String> command(List<String> options, String classPath, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", classPath, mainClass));
        cmd.addAll(args);
        return cmd;
    }

    /**
     * The options of a checkout's {@code jvm.options} as its launch scripts pass them: lines
     * starting with # skipped, the rest split at white space; none when the file is missing.
     */
    static List<String> options(Path jvmOptions) throws IOException {
        List<String> out = new ArrayList<>();
        if (Files.isRegularFile(jvmOptions)) {
            for (String line : Files.readAllLines(jvmOptions)) {
                if (!line.startsWith("#")) {
                    out.addAll(words(line));
                }
            }
        }
        return out;
    }

    /** {@code text} split at white space, without empty words. */
    static List<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
