package org.gantry.study.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gantry.io.Json;
import org.gantry.study.TestStudies;
import org.gantry.study.plan.StudyPlan;
import org.gantry.study.plan.Trial;
import org.gantry.study.spec.StudySpec;
import org.gantry.study.state.TrialState.Status;
import org.gantry.study.state.TrialState;
import org.gantry.study.stop.StoppingPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real worker JVMs training tiny trials. */
class LocalPoolTest {
    private static final String STUDY = """
            base:
              preset: ring
              set: {data.size: 2000, g.widths: [32, 32], d.arch: mlp, d.widths: [32, 32], train.batch: 32,
                    eval.samples: 200, eval.every: 10, output.checkpoint_every: 10, train.threads: 1}
            factors: {loss.name: [ns, hinge]}
            seeds: 2
            steps: 40
            retries: 20
            metric: {name: hq_fraction}
            stopping: {policy: racing, rungs: [20], keep: 1.0}
            """;

    private static StudyCounts run(StudySpec spec, Path dir, LocalPool.Faults faults) throws Exception {
        StudyDirectory d = new StudyDirectory(dir);
        StudyPlan plan = StudyPlan.of(spec, d.knownIds());
        d.write(plan, "test");
        try (LocalPool pool = new LocalPool(2, faults)) {
            return new StudyRunner(plan, d, pool, StoppingPolicies.create(spec), StoppingPolicies.protectedIds(plan),
                    StudyListener.NONE).run();
        }
    }

    /**
     * Workers killed at random (SIGKILL, no checkpoint) are retried from their last checkpoint, and
     * because a resumed run repeats an uninterrupted one exactly, the killed study ends with the
     * very same values at every rung as the quiet one; each run's log holds every evaluation once.
     */
    @Test
    void killedWorkersAreRetriedAndChangeNoResult(@TempDir Path dir) throws Exception {
        StudySpec spec = TestStudies.spec(STUDY);
        StudyCounts quiet = run(spec, dir.resolve("quiet"), LocalPool.Faults.NONE);
        assertThat(quiet.done()).isEqualTo(4);
        StudyCounts killed = run(spec, dir.resolve("killed"), new LocalPool.Faults(0.5, 4000, 11));
        assertThat(killed.done()).isEqualTo(4);
        assertThat(killed.failed()).isZero();
        StudyDirectory q = new StudyDirectory(dir.resolve("quiet"));
        StudyDirectory k = new StudyDirectory(dir.resolve("killed"));
        int retried = 0;
        for (Trial t : StudyPlan.of(spec).trials()) {
            TrialState a = q.state(t.id());
            TrialState b = k.state(t.id());
            assertThat(b.status()).isEqualTo(Status.DONE);
            assertThat(b.values()).isEqualTo(a.values()).containsOnlyKeys(20, 40);
            retried += b.attempts();
            List<Integer> steps = new ArrayList<>();
            for (String line : Files.readAllLines(k.runDir(t.id()).resolve("metrics.jsonl"))) {
                Map<String, Object> m = Json.mapper().readValue(line, new TypeReference<Map<String, Object>>() {});
                steps.add(((Number) m.get("step")).intValue());
            }
            assertThat(steps).containsExactly(10, 20, 30, 40);
        }
        // Half the workers were told to die within 4 s of starting; some died before finishing.
        assertThat(retried).isPositive();
        assertThat(Files.readString(dir.resolve("killed/events.jsonl"))).contains("trial_retried");
    }
}
