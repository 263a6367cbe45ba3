package org.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gantry.config.Yaml;
import org.gantry.study.api.Studies;
import org.gantry.study.run.StudyCounts;
import org.gantry.study.run.StudyDirectory;
import org.gantry.study.spec.StudyFile;
import org.gantry.study.spec.StudySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkStudyTest {
    static final String STUDY = """
            name: tiny
            base:
              preset: ring
              set: {data.size: 2000, g.widths: [32, 32], d.arch: mlp, d.widths: [32, 32], train.batch: 32,
                    eval.samples: 200, eval.every: 10, output.checkpoint_every: 10, train.threads: 1}
            factors: {loss.name: [ns, hinge]}
            seeds: 1
            steps: 20
            workers: 2
            metric: {name: hq_fraction}
            stopping: {policy: asha, rungs: [10], keep: 1.0}
            """;

    static StudySpec spec() {
        return StudyFile.parse(Yaml.readString(STUDY, "test"), null, "test");
    }

    /**
     * The same study on embedded Spark (local[2]) and on the local pool: every trial is a Spark task
     * segment, and each ends with the same values, because a trial's result depends on its seed only.
     */
    @Test
    void aStudyOnEmbeddedSparkMatchesTheLocalPool(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        StudyCounts spark = Studies.run(spec(), dir.resolve("spark"), "spark", Map.of("master", "local[2]"),
                (line, c) -> lines.add(line));
        assertThat(spark.done()).isEqualTo(2);
        assertThat(lines).anyMatch(l -> l.contains("2 workers"));
        StudyCounts local = Studies.run(spec(), dir.resolve("local"), "local", Map.of(), (line, c) -> {});
        assertThat(local.done()).isEqualTo(2);
        StudyDirectory a = new StudyDirectory(dir.resolve("spark"));
        StudyDirectory b = new StudyDirectory(dir.resolve("local"));
        for (String id : List.of("c0000-s0", "c0001-s0")) {
            assertThat(a.state(id).values()).containsOnlyKeys(10, 20).isEqualTo(b.state(id).values());
        }
        assertThat(Files.readString(dir.resolve("spark/events.jsonl"))).contains("\"workers\":2");
    }

    /** Spark classes load only for --on spark: a plain train, and a study on the local pool, never touch them. */
    @Test
    void noSparkClassLoadsWithoutSpark(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, STUDY.replace("stopping: {policy: asha, rungs: [10], keep: 1.0}", ""));
        for (List<String> args : List.of(
                List.of("train", "--preset", "ring", "--set", "train.steps=10", "--set", "eval.every=10", "--set",
                        "train.threads=1", "--set", "data.size=2000", "--out", dir.resolve("run").toString()),
                List.of("study", "run", file.toString(), "--out", dir.resolve("study").toString()))) {
            Path log = dir.resolve("classes-" + args.get(0) + ".log");
            List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    // filecount=0: one log file, not rotated away from the classes loaded first
                    "-Xlog:class+load=info:file=" + log + "::filecount=0", "-cp", System.getProperty("java.class.path"),
                    "org.gantry.cli.Main"));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
            assertThat(p.waitFor()).as(Files.readString(dir.resolve("out.log"))).isZero();
            String loaded = Files.readString(log);
            assertThat(loaded).contains("org.gantry.cli.Main").doesNotContain("org.apache.spark")
                    .doesNotContain("org.gantry.spark");
        }
    }
}
