package org.gantry.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gantry.core.engine.Provenance;

/**
 * Another Gantry checkout (an older commit) whose dcgan-mnist step bench/dcgan --baseline times
 * as its peer: built here, then run as {@link StepWorker} in a JVM of its own.
 *
 * @param dir      the checkout
 * @param revision its commit, "-dirty" with local changes
 * @param jar      its built bench jar
 */
record BaselineCheckout(Path dir, String revision, Path jar) {
    /** Longer than any clean build of the project here (about a minute); a hung build is an error, not a wait. */
    private static final long BUILD_MINUTES = 20;

    /**
     * Builds the bench module of the checkout {@code dir} (and what it needs), its output to {@code log}.
     *
     * @throws IOException naming the checkout and the log when the build fails or leaves no bench jar
     */
    static BaselineCheckout build(Path dir, Path log) throws IOException, InterruptedException {
        Process mvn = new ProcessBuilder("mvn", "-q", "-B", "-ntp", "-Dstyle.color=never", "-DskipTests", "-pl",
                "bench", "-am", "package").directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!mvn.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
            mvn.destroyForcibly();
            throw new IOException("building the baseline checkout " + dir + " took more than " + BUILD_MINUTES
                    + " minutes; its output so far: " + log);
        }
        if (mvn.exitValue() != 0) {
            throw new IOException("building the baseline checkout " + dir + " failed (mvn exit " + mvn.exitValue()
                    + "):" + System.lineSeparator() + Files.readString(log));
        }
        return new BaselineCheckout(dir, Provenance.gitRevision(dir), benchJar(dir));
    }

    private static Path benchJar(Path dir) throws IOException {
        Path target = dir.resolve("bench/target");
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> found = Files.newDirectoryStream(target, "gantry-bench-*.jar")) {
                found.forEach(jars::add);
            }
        }
        if (jars.size() != 1) {
            throw new IOException("the baseline checkout " + dir + " should have built one gantry-bench-*.jar in "
                    + target + ", found " + jars.size());
        }
        return jars.get(0);
    }

    /** What the table calls this checkout: "Gantry at 25bde41". */
    String name() {
        return gantryAt(revision);
    }

    /** "Gantry at" the commit, shortened to 7 digits ("-dirty" kept). */
    static String gantryAt(String revision) {
        return "Gantry at " + (revision.matches("[0-9a-f]{40}.*") ? revision.substring(0, 7) + revision.substring(40)
                : revision);
    }

    /**
     * The worker's command line. The checkout's jars come first on the class path, so its own
     * GantryStepper, and everything below it, is what runs; only {@link StepWorker}, which an
     * older checkout lacks, is found in {@code ownCode} (this build; a checkout that has its own
     * StepWorker runs that one). GantryStepper's config, constructor and timedStep have kept their
     * signatures since bench/dcgan was written. The JVM options are the checkout's jvm.options and
     * {@code extraOptions} (GANTRY_JAVA_OPTS, as this side gets them), with JVM logging sent to
     * stderr, since the worker's stdout carries the protocol.
     */
    List<String> workerCommand(String ownCode, String extraOptions, Path mnist, int threads, long seed)
            throws IOException {
        List<String> options = new ArrayList<>(List.of("-Djava.awt.headless=true", "-Dgantry.home=" + dir,
                "-Xlog:all=warning:stderr"));
        options.addAll(ChildJvm.options(dir.resolve("jvm.options")));
        options.addAll(ChildJvm.words(extraOptions == null ? "" : extraOptions));
        String classPath = String.join(File.pathSeparator, jar.toString(), dir.resolve("bench/target/lib/*").toString(),
                ownCode);
        return ChildJvm.command(options, classPath, StepWorker.class.getName(),
                List.of(mnist.toString(), String.valueOf(threads), String.valueOf(seed)));
    }
}
