package org.gantry.study.stop;

import java.util.List;
import java.util.OptionalInt;
import org.gantry.study.plan.Trial;

/** Every trial trains for the whole budget in one segment. */
public final class NoStopping implements StoppingPolicy {
    @Override
    public OptionalInt next(Trial trial, StudyView view) {
        return OptionalInt.of(view.plan().steps());
    }

    @Override
    public List<Decision> decide(StudyView view) {
        return List.of();
    }
}
