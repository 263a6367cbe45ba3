package org.gantry.core.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * Something that watches a training run: progress display, logs, plots, divergence checks. Every
 * method has an empty default so a listener implements only what it needs; a listener that throws
 * stops the run.
 */
public interface TrainingListener {

    /** Before the first step; {@code startStep} is 0, or the checkpoint's step when resuming. */
    default void onStart(RunInfo run) {}

    default void onStep(StepResult result) {}

    /** Something the user should know that is not an error: a repair made, a damaged file passed over. */
    default void onNotice(String message) {}

    /** After each evaluation, with the metrics and the samples they were computed on. */
    default void onEvaluation(Evaluation evaluation) {}

    default void onCheckpoint(long step, Path file) {}

    /** After the last step, with the flat summary that goes to {@code summary.json}. */
    default void onFinish(Map<String, Object> summary) {}

    /**
     * @param outputDir the run directory
     * @param startStep steps already done (non-zero when resuming)
     * @param totalSteps the step the run ends at
     */
    record RunInfo(Path outputDir, long startStep, long totalSteps) {}

    /**
     * @param step the step evaluated
     * @param metrics named values, in the order they are logged
     * @param samples generated samples, row-major
     * @param count number of samples
     * @param referenceCount number of real samples the metrics compared them with (0 when no metric ran)
     */
    record Evaluation(long step, Map<String, Double> metrics, float[] samples, int count, int referenceCount) {}
}
