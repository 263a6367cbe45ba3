package org.gantry.study.state;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a trial stands, as the driver records it in {@code trials/<id>/state.json}.
 *
 * @param status what the trial is doing or how it ended
 * @param step generator steps finished (the end of its last finished segment)
 * @param attempts segments that crashed or were killed, retried from the last checkpoint
 * @param values the study's metric at the end of each finished segment, by step
 * @param wouldStopAt for a configuration never stopped: the step at which the policy would have stopped it, else null
 * @param reason why it stopped or failed, else null
 */
public record TrialState(Status status, int step, int attempts, Map<Integer, Double> values, Integer wouldStopAt,
        String reason) {
    public enum Status {
        /** Waiting for its next segment. */
        PENDING,
        RUNNING,
        /** Trained for the study's whole budget. */
        DONE,
        /** Stopped early by the stopping policy. */
        STOPPED,
        /** Diverged, refused its configuration, or crashed more often than the study retries. */
        FAILED;

        public boolean terminal() {
            return this == DONE || this == STOPPED || this == FAILED;
        }
    }

    public TrialState {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static TrialState fresh() {
        return new TrialState(Status.PENDING, 0, 0, Map.of(), null, null);
    }

    public TrialState with(Status s) {
        return new TrialState(s, step, attempts, values, wouldStopAt, reason);
    }

    public TrialState finished(int until, double value, boolean last) {
        Map<Integer, Double> v = new TreeMap<>(values);
        v.put(until, value);
        return new TrialState(last ? Status.DONE : Status.PENDING, until, attempts, v, wouldStopAt, reason);
    }

    public TrialState crashed() {
        return new TrialState(Status.PENDING, step, attempts + 1, values, wouldStopAt, reason);
    }

    public TrialState ended(Status s, String why) {
        return new TrialState(s, step, attempts, values, wouldStopAt, why);
    }

    public TrialState wouldStop(int at) {
        return wouldStopAt != null ? this : new TrialState(status, step, attempts, values, at, reason);
    }

    /** The metric at {@code step}, or null when the trial has none there. */
    public Double valueAt(int step) {
        return values.get(step);
    }
}
