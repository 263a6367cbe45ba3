package org.gantry.bench;

import org.gantry.core.train.StepResult;
import org.gantry.core.train.TrainingListener;

/** Prints the process's resident memory every N steps, to show that a long run stays flat. */
final class MemoryProbe implements TrainingListener {
    private final int every;

    MemoryProbe(int every) {
        this.every = every;
    }

    @Override
    public void onStep(StepResult r) {
        if (r.step() % every == 0) {
            System.out.printf("memory step %d: rss %.1f MiB%n", r.step(), ResidentMemory.currentMiB());
        }
    }
}
