package org.gantry.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.gantry.config.ConfigException;
import org.gantry.study.run.Segment;
import org.gantry.study.run.SegmentOutcome;
import org.gantry.study.run.TrialExecutor;

/**
 * Trial segments as Spark jobs of one task each, submitted from as many driver threads as the
 * cluster has task slots, so Spark's scheduler places them. The study's driver (decisions, state,
 * retries of crashed trials) stays in this JVM; executors only train.
 */
final class SparkExecutor implements TrialExecutor {
    private final JavaSparkContext spark;
    private final int slots;
    private final ExecutorService submitters;
    private final boolean ownsContext;

    private SparkExecutor(JavaSparkContext spark, boolean ownsContext) {
        this.spark = spark;
        this.ownsContext = ownsContext;
        this.slots = Math.max(1, spark.sc().defaultParallelism());
        this.submitters = Executors.newFixedThreadPool(slots, r -> {
            Thread t = new Thread(r, "gantry-spark-submit");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Joins the Spark application this JVM runs in (spark-submit) or starts one on {@code master}
     * (local[N], spark://host:port, yarn, k8s://...).
     */
    static SparkExecutor start(String studyName, String master) {
        JavaSparkContext existing = activeContext();
        if (existing != null) {
            return new SparkExecutor(existing, false);
        }
        SparkConf conf = new SparkConf().setAppName("gantry study " + studyName);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            throw new ConfigException("--on spark needs --master (local[N], spark://host:7077, yarn, k8s://...) unless the "
                    + "study runs under spark-submit");
        }
        // One task per slot and no speculative copies: each task starts a worker JVM that trains.
        conf.setIfMissing("spark.speculation", "false");
        return new SparkExecutor(new JavaSparkContext(conf), true);
    }

    private static JavaSparkContext activeContext() {
        scala.Option<org.apache.spark.SparkContext> active = org.apache.spark.SparkContext$.MODULE$.getActive();
        return active.isDefined() ? JavaSparkContext.fromSparkContext(active.get()) : null;
    }

    @Override
    public int capacity() {
        return slots;
    }

    @Override
    public void start(Segment segment, Path trialDir, Consumer<SegmentOutcome> done) {
        SegmentTask task = new SegmentTask(trialDir.toAbsolutePath().toString(), segment.until());
        submitters.execute(() -> {
            SegmentOutcome outcome;
            try {
                spark.setJobDescription("trial " + segment.trial().id() + " to step " + segment.until());
                List<Integer> codes = spark.parallelize(List.of(task), 1).map(SegmentTask::run).collect();
                int code = codes.get(0);
                SegmentOutcome.Kind kind = SegmentOutcome.kindOf(code);
                outcome = new SegmentOutcome(segment, kind, code, kind == SegmentOutcome.Kind.DONE ? null
                        : "worker exit " + code + " (see " + trialDir.resolve("worker.log") + ")");
            } catch (RuntimeException | Error e) {
                // Reported, never swallowed by the thread pool: the driver waits for every outcome.
                outcome = new SegmentOutcome(segment, SegmentOutcome.Kind.CRASHED, -1, "Spark task failed: " + e);
            }
            done.accept(outcome);
        });
    }

    @Override
    public void close() {
        submitters.shutdown();
        if (ownsContext) {
            spark.cancelAllJobs();
        }
        try {
            submitters.awaitTermination(3, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsContext) {
            spark.stop();
        }
    }
}
