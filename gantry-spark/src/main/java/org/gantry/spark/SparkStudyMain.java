package org.gantry.spark;

import java.nio.file.Path;
import java.util.Map;
import org.gantry.config.ConfigException;
import org.gantry.study.api.Studies;
import org.gantry.study.run.StudyCounts;
import org.gantry.study.spec.StudySpec;

/**
 * The main class for {@code spark-submit}: runs a study file with every trial segment a Spark task.
 * Arguments: the study file and the study directory, both on a file system every executor sees.
 * <pre>
 * spark-submit --class org.gantry.spark.SparkStudyMain --master spark://host:7077 \
 *   gantry-spark/target/gantry-spark-0.1.0-SNAPSHOT-cluster.jar /shared/my-study.yaml /shared/runs/my-study
 * </pre>
 */
public final class SparkStudyMain {
    private SparkStudyMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: spark-submit --class " + SparkStudyMain.class.getName()
                    + " <gantry-spark cluster jar> STUDY.yaml STUDY_DIR");
            System.exit(2);
        }
        try {
            StudySpec spec = Studies.read(Path.of(args[0]));
            StudyCounts counts = Studies.run(spec, Path.of(args[1]), "spark", Map.of(),
                    (line, c) -> System.out.println(line + "  [" + c.line() + "]"));
            System.exit(counts.failed() > 0 ? 1 : 0);
        } catch (ConfigException e) {
            System.err.println("gantry: " + e.getMessage());
            System.exit(2);
        }
    }
}
