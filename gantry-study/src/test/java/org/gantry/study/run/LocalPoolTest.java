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

    private static StudyCounts run(StudySpec spec, Path dir, FaultInjection faults) throws Exception {
        StudyDirectory d = new StudyDirectory(dir);
        StudyPlan plan = StudyPlan.of(spec, d.knownIds());
        d.write(plan, "test");
        try (LocalPool pool = new LocalPool(2, faults)) {
            return new StudyRunner(plan, d, pool, StoppingPolicies.create(spec), StoppingPolicies.protectedIds(plan),
                    StudyListener.NONE).run();
        }
    }

    /**
     * Every worker killed (SIGKILL) as soon as it has written a checkpoint, in the middle of its
     * segment or at its end before the run's summary: each is retried from its last checkpoint or
     * found finished, and because a resumed run repeats an uninterrupted one exactly, the killed
     * study ends with the very same values at every rung as the quiet one; each run's log holds
     * every evaluation once.
     */
    @Test
    void killedWorkersAreRetriedAndChangeNoResult(@TempDir Path dir) throws Exception {
        StudySpec spec = TestStudies.spec(STUDY);
        StudyCounts quiet = run(spec, dir.resolve("quiet"), FaultInjection.NONE);
        assertThat(quiet.done()).isEqualTo(4);
        StudyCounts killed = run(spec, dir.resolve("killed"), new FaultInjection(1.0, 60_000, 11));
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
        // Each of the 8 segments was killed at least once (at its first checkpoint, step 10 or 30).
        assertThat(retried).isGreaterThanOrEqualTo(8);
        assertThat(Files.readString(dir.resolve("killed/events.jsonl"))).contains("trial_retried");
    }
}
