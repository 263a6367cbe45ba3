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
import org.gantry.study.run.WorkerProcess;

/**
 * Trial segments as Spark jobs of one task each, submitted from as many driver threads as the
 * cluster has task slots, so Spark's scheduler places them. The study's driver (decisions, state,
 * retries of crashed trials) stays in this JVM; executors only train.
 */
final class SparkExecutor implements TrialExecutor {
    private static final String JOB_GROUP = "gantry-study";
    private final JavaSparkContext spark;
    private final int slots;
    private final ExecutorService submitters;
    private final boolean ownsContext;
    private volatile boolean closing;

    private SparkExecutor(JavaSparkContext spark, boolean ownsContext) {
        this.spark = spark;
        this.ownsContext = ownsContext;
        // Task slots: the cores Spark schedules on (spark.default.parallelism where a cluster sets it)
        // over the cores each task claims.
        int taskCpus = Integer.parseInt(spark.getConf().get("spark.task.cpus", "1"));
        this.slots = Math.max(1, spark.sc().defaultParallelism() / Math.max(1, taskCpus));
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
        if (closing) {
            done.accept(new SegmentOutcome(segment, SegmentOutcome.Kind.INTERRUPTED, -1, "the study is stopping"));
            return;
        }
        submitters.execute(() -> {
            SegmentOutcome outcome;
            try {
                // One job group for all segments, interrupting on cancel: closing the study interrupts the
                // tasks, which stop their workers (a checkpoint first).
                spark.setJobGroup(JOB_GROUP, "trial " + segment.trial().id() + " to step " + segment.until(), true);
                List<Integer> codes = spark.parallelize(List.of(task), 1).map(SegmentTask::run).collect();
                outcome = WorkerProcess.outcome(segment, codes.get(0), trialDir, closing);
            } catch (RuntimeException | Error e) {
                // Reported, never swallowed by the thread pool: the driver waits for every outcome.
                outcome = new SegmentOutcome(segment, closing ? SegmentOutcome.Kind.INTERRUPTED : SegmentOutcome.Kind.CRASHED, -1,
                        "Spark task failed: " + e);
            }
            done.accept(outcome);
        });
    }

    @Override
    public void close() {
        closing = true;
        submitters.shutdown();
        spark.cancelJobGroup(JOB_GROUP);
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
