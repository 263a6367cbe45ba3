package org.gantry.study.stop;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.gantry.study.plan.Trial;

/** When a study's trials may go on, and which configurations it stops early. */
public interface StoppingPolicy {
    /**
     * The step a trial that is neither running nor finished may train to now, or empty when it must
     * wait (for a decision at its rung).
     */
    OptionalInt next(Trial trial, StudyView view);

    /** Verdicts that the states now allow; called after every finished segment. */
    List<Decision> decide(StudyView view);

    /** Verdicts once nothing runs and nothing may start: whatever still waits is settled here. */
    default List<Decision> finish(StudyView view) {
        return List.of();
    }

    /** Runnable segments first in this order (ASHA promotes before it starts new configurations). */
    default int priority(Trial trial, int target) {
        return 0;
    }

    /**
     * What the policy has decided that the trials' states do not show (rungs decided, promotions),
     * saved by the driver after every change so that a restarted driver decides as the first would have.
     */
    default Map<String, Object> state() {
        return Map.of();
    }

    /** Takes back a {@link #state()} saved by an earlier driver of the same study. */
    default void restore(Map<String, Object> state) {}
}
