package org.gantry.study.run;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Runs trial segments somewhere: worker JVMs on this machine, or tasks on a cluster. A segment is
 * idempotent (a worker that finds its trial already at the segment's step just reports it), so an
 * executor may run one twice after a fault without harm.
 */
public interface TrialExecutor extends AutoCloseable {
    /** Segments that may run at once. */
    int capacity();

    /**
     * Starts {@code segment} for the trial whose directory is {@code trialDir} (holding
     * {@code trial.yaml}); {@code done} is called once, from any thread, when it ends.
     */
    void start(Segment segment, Path trialDir, Consumer<SegmentOutcome> done);

    /** Stops what runs (workers checkpoint and exit) and waits for it. */
    @Override
    void close();
}
