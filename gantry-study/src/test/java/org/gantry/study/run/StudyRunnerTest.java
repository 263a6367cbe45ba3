package org.gantry.study.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.gantry.io.Json;
import org.gantry.study.plan.StudyPlan;
import org.gantry.study.plan.Trial;
import org.gantry.study.spec.StudySpec;
import org.gantry.study.state.TrialState.Status;
import org.gantry.study.state.TrialState;
import org.gantry.study.stop.StoppingPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's logic with an executor that "trains" instantly by writing the summary a run would leave. */
class StudyRunnerTest {

    static StudySpec spec(String yaml) {
        return org.gantry.study.TestStudies.spec(yaml);
    }

    /** Logs {@code metric} at the segment's step from a function of the trial and step, as a run would; can crash on demand. */
    static final class InstantExecutor implements TrialExecutor {
        final List<Segment> started = Collections.synchronizedList(new ArrayList<>());
        final String metric;
        final ToDoubleFunction<Segment> value;
        final Set<String> crashOnce;
        final int capacity;

        InstantExecutor(int capacity, String metric, ToDoubleFunction<Segment> value, Set<String> crashOnce) {
            this.capacity = capacity;
            this.metric = metric;
            this.value = value;
            this.crashOnce = new java.util.HashSet<>(crashOnce);
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void start(Segment s, Path trialDir, Consumer<SegmentOutcome> done) {
            started.add(s);
            if (crashOnce.remove(s.trial().id()) || crashOnce.contains(s.trial().id() + "*")) {
                done.accept(new SegmentOutcome(s, SegmentOutcome.Kind.CRASHED, 137, "killed"));
                return;
            }
            try {
                Path run = trialDir.resolve("run");
                Files.createDirectories(run);
                Files.writeString(run.resolve("metrics.jsonl"), Json.line(Map.of("step", s.until(), metric,
                        value.applyAsDouble(s))) + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            done.accept(new SegmentOutcome(s, SegmentOutcome.Kind.DONE, 0, null));
        }

        @Override
        public void close() {}
    }

    private static StudyCounts run(StudySpec spec, Path dir, InstantExecutor executor) throws Exception {
        StudyDirectory d = new StudyDirectory(dir);
        StudyPlan plan = StudyPlan.of(spec, d.knownIds());
        d.write(plan, "test");
        return new StudyRunner(plan, d, executor, StoppingPolicies.create(spec), StoppingPolicies.protectedIds(plan),
                StudyListener.NONE).run();
    }

    @Test
    void everyTrialRunsOnceAndARerunRunsNothing(@TempDir Path dir) throws Exception {
        StudySpec spec = spec("factors: {loss.name: [ns, hinge]}\nseeds: 3\nsteps: 100\nmetric: {name: hq_fraction}\n");
        InstantExecutor first = new InstantExecutor(2, "hq_fraction", s -> 0.5 + s.trial().seed() * 0.1, Set.of());
        StudyCounts counts = run(spec, dir, first);
        assertThat(counts.done()).isEqualTo(6);
        assertThat(first.started).hasSize(6).allMatch(s -> s.until() == 100);
        StudyDirectory d = new StudyDirectory(dir);
        assertThat(d.state("c0001-s2").valueAt(100)).isEqualTo(0.7, org.assertj.core.api.Assertions.within(1e-12));
        InstantExecutor again = new InstantExecutor(2, "hq_fraction", s -> 0, Set.of());
        assertThat(run(spec, dir, again).done()).isEqualTo(6);
        assertThat(again.started).isEmpty();
    }

    /** Four configurations by train.d_steps, three seeds, racing at steps 100 and 200 (keep, then seed, to fill in). */
    private static final String RACING = "factors: {train.d_steps: [1, 2, 3, 4]}\nseeds: 3\nsteps: 300\n"
            + "metric: {name: hq_fraction}\nstopping: {policy: racing, rungs: [100, 200], delta: 0.05, keep: %s, seed: %d}\n";

    /** 0.8, or 0.6 for d_steps 4, plus 0.01 or minus 0.01 alternating over seeds and configurations. */
    private static double racingValue(Segment s) {
        long level = ((Number) s.trial().configuration().settings().get("train.d_steps")).longValue();
        double noise = (s.trial().seed() + level) % 2 == 0 ? 0.01 : -0.01;
        return 0.8 - (level == 4 ? 0.2 : 0.0) + noise;
    }

    /** Every line of the study's event log, each of which must be a JSON object. */
    private static List<Map<String, Object>> events(Path dir) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("events.jsonl"))) {
            out.add(Json.mapper().readValue(line, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {}));
        }
        return out;
    }

    /** Rewrites the event log without the events {@code lost} picks, as a driver killed before writing them leaves it. */
    private static void lose(Path dir, java.util.function.Predicate<Map<String, Object>> lost, byte[] cutLine)
            throws IOException {
        StringBuilder kept = new StringBuilder();
        for (Map<String, Object> e : events(dir)) {
            if (!lost.test(e)) {
                kept.append(Json.line(e)).append('\n');
            }
        }
        Files.write(dir.resolve("events.jsonl"), kept.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.write(dir.resolve("events.jsonl"), cutLine, java.nio.file.StandardOpenOption.APPEND);
    }

    /** A line's UTF-8 bytes without its last byte, which cuts its last (two-byte) character in half. */
    private static byte[] cutInsideACharacter(String line) {
        byte[] b = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(b, b.length - 1);
    }

    private static List<Map<String, Object>> recovered(Path dir) throws IOException {
        return events(dir).stream().filter(e -> Boolean.TRUE.equals(e.get("recovered"))).toList();
    }

    private static boolean is(Map<String, Object> e, String kind, String id) {
        return kind.equals(e.get("event")) && (id.equals(e.get("trial")) || id.equals(e.get("configuration")));
    }

    /**
     * A driver killed between saving a trial's state and appending its event (and mid-way through
     * writing a line) left the log short: the next run cuts the broken line off and writes what is
     * missing, once, from the states; a run after that writes nothing more.
     */
    @Test
    void eventsLeftOutByAKilledDriverAreWrittenOnceByTheNext(@TempDir Path dir) throws Exception {
        StudySpec spec = spec("factors: {loss.name: [ns, hinge]}\nseeds: 2\nsteps: 100\nretries: 0\n"
                + "metric: {name: hq_fraction}\n");
        InstantExecutor first = new InstantExecutor(1, "hq_fraction", s -> 0.25 + s.trial().seed(), Set.of("c0001-s1*"));
        assertThat(run(spec, dir, first).done()).isEqualTo(3);
        lose(dir, e -> is(e, EventLog.DONE, "c0000-s1") || is(e, EventLog.FAILED, "c0001-s1"),
                cutInsideACharacter("{\"time\":\"2026-12-01T08:00:00Z\",\"event\":\"trial_failed\",\"reason\":\"\u03bb"));
        InstantExecutor again = new InstantExecutor(1, "hq_fraction", s -> 0, Set.of());
        assertThat(run(spec, dir, again).done()).isEqualTo(3);
        assertThat(again.started).isEmpty();
        List<Map<String, Object>> lines = events(dir); // every line parses: the cut one is gone
        for (String id : List.of("c0000-s0", "c0000-s1", "c0001-s0")) {
            assertThat(lines).as(id).filteredOn(e -> is(e, EventLog.DONE, id)).singleElement().satisfies(e -> {
                assertThat(((Number) e.get("step")).intValue()).isEqualTo(100);
                assertThat(((Number) e.get("hq_fraction")).doubleValue()).isEqualTo(0.25 + Integer.parseInt(id.substring(7)));
            });
        }
        assertThat(lines).filteredOn(e -> EventLog.FAILED.equals(e.get("event"))).singleElement()
                .satisfies(e -> assertThat(e.get("trial")).isEqualTo("c0001-s1"))
                .satisfies(e -> assertThat((String) e.get("reason")).contains("crashed"));
        assertThat(lines).filteredOn(e -> EventLog.RUNG.equals(e.get("event"))).isEmpty();
        assertThat(recovered(dir)).extracting(e -> e.get("event") + " " + e.get("trial"))
                .containsExactlyInAnyOrder("trial_done c0000-s1", "trial_failed c0001-s1");
        run(spec, dir, new InstantExecutor(1, "hq_fraction", s -> 0, Set.of()));
        assertThat(recovered(dir)).hasSize(2);
        assertThat(events(dir)).hasSize(lines.size() + 2); // the third run's start and finish
    }

    /**
     * The same with rungs and a stopping policy: a stopped configuration's rung, its stop, a finished
     * trial's end, and (where every configuration is kept) the stop it would have had come back with
     * the kinds and steps the driver gave them.
     */
    @Test
    void rungsAndStopsLeftOutAreWrittenWithTheirKinds(@TempDir Path dir) throws Exception {
        String yaml = RACING.replace("seed: %d", "seed: 0");
        ToDoubleFunction<Segment> value = StudyRunnerTest::racingValue;
        Path a = dir.resolve("a");
        StudySpec stopping = spec(String.format(yaml, "0.0"));
        run(stopping, a, new InstantExecutor(2, "hq_fraction", value, Set.of()));
        List<Map<String, Object>> before = events(a);
        lose(a, e -> is(e, EventLog.STOPPED, "c0003") || is(e, EventLog.RUNG, "c0003-s0") || is(e, EventLog.DONE, "c0000-s0"),
                new byte[0]);
        run(stopping, a, new InstantExecutor(2, "hq_fraction", value, Set.of()));
        assertThat(recovered(a)).extracting(e -> e.get("event") + " " + e.get("trial") + " " + e.get("configuration")
                + " " + e.get("step")).containsExactlyInAnyOrder("configuration_stopped null c0003 100",
                        "rung_reached c0003-s0 null 100", "trial_done c0000-s0 null 300");
        for (String kind : List.of(EventLog.STOPPED, EventLog.RUNG, EventLog.DONE)) {
            assertThat(events(a).stream().filter(e -> kind.equals(e.get("event")))).as(kind)
                    .hasSameSizeAs(before.stream().filter(e -> kind.equals(e.get("event"))).toList());
        }

        Path b = dir.resolve("b");
        StudySpec keeping = spec(String.format(yaml, "1.0"));
        run(keeping, b, new InstantExecutor(2, "hq_fraction", value, Set.of()));
        lose(b, e -> is(e, EventLog.WOULD_STOP, "c0003"), new byte[0]);
        run(keeping, b, new InstantExecutor(2, "hq_fraction", value, Set.of()));
        assertThat(recovered(b)).singleElement().satisfies(e -> {
            assertThat(e.get("event")).isEqualTo(EventLog.WOULD_STOP);
            assertThat(e.get("configuration")).isEqualTo("c0003");
            assertThat(((Number) e.get("step")).intValue()).isEqualTo(100);
        });
    }

    @Test
    void crashedTrialsAreRetriedUpToTheLimitThenFail(@TempDir Path dir) throws Exception {
        StudySpec spec = spec("factors: {loss.name: [ns, hinge]}\nseeds: 2\nsteps: 100\nretries: 2\nmetric: {name: hq_fraction}\n");
        InstantExecutor ex = new InstantExecutor(1, "hq_fraction", s -> 0.5, Set.of("c0000-s1", "c0001-s0*"));
        StudyCounts counts = run(spec, dir, ex);
        assertThat(counts.done()).isEqualTo(3);
        assertThat(counts.failed()).isEqualTo(1);
        StudyDirectory d = new StudyDirectory(dir);
        assertThat(d.state("c0000-s1").attempts()).isEqualTo(1);
        assertThat(d.state("c0000-s1").status()).isEqualTo(Status.DONE);
        assertThat(d.state("c0001-s0").status()).isEqualTo(Status.FAILED);
        assertThat(d.state("c0001-s0").reason()).contains("crashed 3 times");
        assertThat(ex.started.stream().filter(s -> s.trial().id().equals("c0001-s0"))).hasSize(3);
    }

    /**
     * Four configurations, three seeds, each value 0.01 above or below its configuration's level, the
     * sign alternating over seeds and configurations: c0003 is worse by 0.2 on every seed, so racing
     * stops it at the first rung; between c0000..c0002 the paired differences change sign and they go on. With
     * keep 0.25 one configuration is never stopped: if that is c0003, it records the verdict instead.
     */
    @Test
    void racingStopsWhatIsClearlyWorseAndRecordsWhatItWouldHaveStopped(@TempDir Path dir) throws Exception {
        String yaml = RACING;
        ToDoubleFunction<Segment> value = StudyRunnerTest::racingValue;
        StudySpec none = spec(String.format(yaml, "0.0", 0));
        InstantExecutor ex = new InstantExecutor(2, "hq_fraction", value, Set.of());
        StudyCounts counts = run(none, dir.resolve("a"), ex);
        assertThat(counts.stopped()).isEqualTo(3);
        assertThat(counts.done()).isEqualTo(9);
        StudyDirectory d = new StudyDirectory(dir.resolve("a"));
        assertThat(d.state("c0003-s0").status()).isEqualTo(Status.STOPPED);
        assertThat(d.state("c0003-s0").step()).isEqualTo(100);
        assertThat(d.state("c0003-s0").reason()).contains("at step 100").contains("Holm");
        assertThat(ex.started.stream().filter(s -> s.trial().configuration().id().equals("c0003"))).hasSize(3);
        // A rerun restores the rungs decided and repeats no decision.
        assertThat(Files.readString(dir.resolve("a/policy.json"))).contains("\"decided_rungs\" : 2");
        InstantExecutor again = new InstantExecutor(2, "hq_fraction", value, Set.of());
        run(none, dir.resolve("a"), again);
        assertThat(again.started).isEmpty();
        assertThat(Files.readString(dir.resolve("a/events.jsonl")).split("configuration_stopped", -1)).hasSize(2);

        // Every configuration protected: nothing stops, and c0003 carries the verdict it escaped.
        StudySpec all = spec(String.format(yaml, "1.0", 0));
        StudyCounts kept = run(all, dir.resolve("b"), new InstantExecutor(2, "hq_fraction", value, Set.of()));
        assertThat(kept.done()).isEqualTo(12);
        StudyDirectory b = new StudyDirectory(dir.resolve("b"));
        assertThat(b.state("c0003-s1").wouldStopAt()).isEqualTo(100);
        assertThat(b.state("c0000-s1").wouldStopAt()).isNull();
    }

    /**
     * Nine configurations, eta 3, one worker. When the plan's order is best first, no configuration
     * is ever promoted on a partial ranking it would lose later, so ASHA does what synchronous
     * successive halving does: three pass the first rung, one the second, 13 segments in all.
     */
    @Test
    void successiveHalvingPromotesTheBestThirdAtEachRung(@TempDir Path dir) throws Exception {
        String yaml = "factors: {train.batch: [11, 12, 13, 14, 15, 16, 17, 18, 19]}\nseeds: 1\nsteps: 300\n"
                + "metric: {name: hq_fraction, direction: %s}\nstopping: {policy: asha, rungs: [100, 200], eta: 3, keep: 0}\n";
        // The value grows with the batch and a little with the step.
        ToDoubleFunction<Segment> value = s -> ((Number) s.trial().configuration().settings().get("train.batch")).doubleValue()
                / 100.0 + s.until() / 1e5;
        InstantExecutor ex = new InstantExecutor(1, "hq_fraction", value, Set.of());
        StudyCounts counts = run(spec(String.format(yaml, "lower")), dir.resolve("best-first"), ex);
        StudyDirectory d = new StudyDirectory(dir.resolve("best-first"));
        assertThat(counts.done()).isEqualTo(1);
        assertThat(counts.stopped()).isEqualTo(8);
        assertThat(d.state("c0000-s0").status()).isEqualTo(Status.DONE);
        assertThat(d.state("c0001-s0").step()).isEqualTo(200);
        assertThat(d.state("c0002-s0").step()).isEqualTo(200);
        assertThat(d.state("c0002-s0").reason()).contains("not among the best 1/3 at step 200 (rank 3 of 3)");
        for (int c = 3; c < 9; c++) {
            assertThat(d.state("c000" + c + "-s0").step()).isEqualTo(100);
        }
        assertThat(ex.started).hasSize(13);

        // Worst first, each new configuration leads the partial ranking and is promoted: ASHA's known
        // price for not waiting. The best still finishes and the worst still stop at the first rung.
        InstantExecutor worst = new InstantExecutor(1, "hq_fraction", value, Set.of());
        run(spec(String.format(yaml, "higher")), dir.resolve("worst-first"), worst);
        StudyDirectory w = new StudyDirectory(dir.resolve("worst-first"));
        assertThat(w.state("c0008-s0").status()).isEqualTo(Status.DONE);
        assertThat(w.state("c0000-s0").step()).isEqualTo(100);
        assertThat(w.state("c0001-s0").step()).isEqualTo(100);
        assertThat(worst.started.size()).isGreaterThan(13).isLessThan(27);
    }

    /** Two configurations, eta 3: no rung ever has three finishers, yet the best still gets the full budget. */
    @Test
    void successiveHalvingWithFewerConfigurationsThanEtaStillFinishesTheBest(@TempDir Path dir) throws Exception {
        StudySpec spec = spec("factors: {train.batch: [11, 12]}\nseeds: 1\nsteps: 300\n"
                + "metric: {name: hq_fraction}\nstopping: {policy: asha, rungs: [100, 200], eta: 3, keep: 0}\n");
        ToDoubleFunction<Segment> value = s -> ((Number) s.trial().configuration().settings().get("train.batch")).doubleValue();
        StudyCounts counts = run(spec, dir, new InstantExecutor(2, "hq_fraction", value, Set.of()));
        StudyDirectory d = new StudyDirectory(dir);
        assertThat(counts.done()).isEqualTo(1);
        assertThat(counts.stopped()).isEqualTo(1);
        assertThat(counts.pending()).isZero();
        assertThat(d.state("c0001-s0").status()).isEqualTo(Status.DONE);
        assertThat(d.state("c0000-s0").step()).isEqualTo(100);
    }
}
