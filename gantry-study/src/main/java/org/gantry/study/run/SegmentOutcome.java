package org.gantry.study.run;

/**
 * How a segment ended, from its worker's exit code.
 *
 * @param detail the worker's last words (its last log line) when it did not finish
 */
public record SegmentOutcome(Segment segment, Kind kind, int exitCode, String detail) {
    public enum Kind {
        /** Trained to the segment's step and evaluated there. */
        DONE,
        /** The trial's configuration or data was refused: retrying cannot help. */
        BAD_INPUT,
        /** A loss became NaN or infinite: a result of the method, not a fault, so not retried. */
        DIVERGED,
        /** Another live worker holds the trial (a driver restarted while an old worker finishes): try later. */
        BUSY,
        /** Killed or crashed: retried from the last checkpoint up to the study's limit. */
        CRASHED,
        /** Stopped because the study is stopping (Ctrl-C, SIGTERM): the trial waits for the next run, no attempt spent. */
        INTERRUPTED
    }

    /** Worker exit codes, shared with {@link TrialWorker}. */
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_DIVERGED = 3;
    public static final int EXIT_BUSY = 75;

    public static Kind kindOf(int exitCode) {
        return switch (exitCode) {
            case 0 -> Kind.DONE;
            case EXIT_BAD_INPUT -> Kind.BAD_INPUT;
            case EXIT_DIVERGED -> Kind.DIVERGED;
            case EXIT_BUSY -> Kind.BUSY;
            default -> Kind.CRASHED;
        };
    }
}
