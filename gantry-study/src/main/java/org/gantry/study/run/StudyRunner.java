package org.gantry.study.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gantry.io.AtomicFiles;
import org.gantry.io.Json;
import org.gantry.study.plan.Configuration;
import org.gantry.study.plan.StudyPlan;
import org.gantry.study.plan.Trial;
import org.gantry.study.spec.StudySettings;
import org.gantry.study.state.TrialState.Status;
import org.gantry.study.state.TrialState;
import org.gantry.study.stop.Decision;
import org.gantry.study.stop.StoppingPolicy;
import org.gantry.study.stop.StudyView;

/**
 * The study driver: starts segments on an executor as the stopping policy allows, records what
 * each one ends with, retries crashed ones from their checkpoints, and applies the policy's
 * verdicts. All state is in the study directory (trial states, the policy's own state), so a
 * killed driver rerun with the same study continues where it was and decides as it would have.
 */
public final class StudyRunner {
    /** How long a trial held by a leftover worker waits before it is tried again. */
    private static final long BUSY_WAIT_MILLIS = 2000;
    static final String POLICY_FILE = "policy.json";

    private final StudyPlan plan;
    private final StudyDirectory dir;
    private final TrialExecutor executor;
    private final StoppingPolicy policy;
    private final Set<String> protectedIds;
    private final StudyListener listener;
    private final int retries;
    private final String metric;
    private final Map<String, TrialState> states = new LinkedHashMap<>();
    private final Set<String> running = new HashSet<>();
    private final Map<String, Long> notBefore = new LinkedHashMap<>();
    private final BlockingQueue<SegmentOutcome> outcomes = new LinkedBlockingQueue<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private Map<String, Object> savedPolicyState = Map.of();
    private long startNanos;
    private long stepsAtStart;

    public StudyRunner(StudyPlan plan, StudyDirectory dir, TrialExecutor executor, StoppingPolicy policy,
            Set<String> protectedIds, StudyListener listener) {
        this.plan = plan;
        this.dir = dir;
        this.executor = executor;
        this.policy = policy;
        this.protectedIds = Set.copyOf(protectedIds);
        this.listener = listener;
        this.retries = plan.spec().get(StudySettings.RETRIES);
        this.metric = plan.spec().get(StudySettings.METRIC);
    }

    /**
     * Asks a running study to stop (Ctrl-C, SIGTERM): no segment starts any more; those running end
     * when the executor is closed, and their trials wait, with no attempt spent, for the next run.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** Waits until the driver loop has ended, at most {@code seconds}. */
    public void awaitEnd(long seconds) {
        try {
            finished.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs until every trial is done, stopped or failed, or nothing may go on, and returns the counts. */
    public StudyCounts run() throws InterruptedException {
        try {
            return loop();
        } finally {
            finished.countDown();
        }
    }

    private StudyCounts loop() throws InterruptedException {
        for (Trial t : plan.trials()) {
            TrialState s = dir.state(t.id());
            // A trial recorded as running was cut off with its driver: it resumes from its checkpoint.
            states.put(t.id(), s.status() == Status.RUNNING ? s.with(Status.PENDING) : s);
        }
        restorePolicy();
        completeStops();
        LostEvents.recover(plan, dir, states, metric);
        startNanos = System.nanoTime();
        stepsAtStart = stepsTrained();
        dir.event("study_started", null, Map.of("trials", plan.trials().size(), "workers", executor.capacity()));
        say("study " + plan.spec().name() + ": " + plan.configurations().size() + " configurations, " + plan.trials().size()
                + " trials, " + executor.capacity() + " workers");
        while (true) {
            apply(policy.decide(view()));
            savePolicy();
            startRunnable();
            if (running.isEmpty()) {
                if (stopRequested) {
                    break;
                }
                if (!notBefore.isEmpty()) {
                    Thread.sleep(BUSY_WAIT_MILLIS);
                    notBefore.clear();
                    continue;
                }
                apply(policy.finish(view()));
                savePolicy();
                startRunnable();
                if (running.isEmpty()) {
                    break;
                }
            }
            SegmentOutcome o = outcomes.poll(1, TimeUnit.SECONDS);
            if (o != null) {
                handle(o);
            }
        }
        StudyCounts counts = counts();
        List<String> waiting = states.entrySet().stream().filter(e -> !e.getValue().status().terminal())
                .map(Map.Entry::getKey).toList();
        if (stopRequested) {
            dir.event("study_interrupted", null, Map.of("waiting", waiting.size()));
            say("study " + plan.spec().name() + " interrupted; run the same command to continue");
        } else if (!waiting.isEmpty()) {
            dir.event("study_incomplete", null, Map.of("waiting", waiting));
            say("study " + plan.spec().name() + " ended with " + waiting.size() + " trials the stopping policy let "
                    + "neither go on nor stop: " + String.join(", ", waiting.subList(0, Math.min(10, waiting.size())))
                    + (waiting.size() > 10 ? ", ..." : ""));
        } else {
            dir.event("study_finished", null, Map.of("done", counts.done(), "stopped", counts.stopped(),
                    "failed", counts.failed()));
            say("study " + plan.spec().name() + " finished");
        }
        return counts;
    }

    private StudyView view() {
        return new StudyView(plan, Map.copyOf(states), Set.copyOf(running), protectedIds);
    }

    private void startRunnable() {
        if (stopRequested) {
            return;
        }
        StudyView view = view();
        long now = System.currentTimeMillis();
        record Candidate(Trial trial, int target) {}
        List<Candidate> ready = new ArrayList<>();
        for (Trial t : plan.trials()) {
            TrialState s = states.get(t.id());
            if (s.status().terminal() || running.contains(t.id()) || notBefore.getOrDefault(t.id(), 0L) > now
                    || !view.live(t.configuration())) {
                continue;
            }
            OptionalInt target = policy.next(t, view);
            if (target.isPresent()) {
                ready.add(new Candidate(t, target.getAsInt()));
            }
        }
        ready.sort(Comparator.comparingInt((Candidate c) -> -policy.priority(c.trial(), c.target())));
        for (Candidate c : ready) {
            if (running.size() >= executor.capacity()) {
                break;
            }
            Trial t = c.trial();
            running.add(t.id());
            update(t.id(), states.get(t.id()).with(Status.RUNNING));
            dir.event("segment_started", t.id(), Map.of("from", states.get(t.id()).step(), "until", c.target()));
            executor.start(new Segment(t, c.target()), dir.trialDir(t), outcomes::add);
        }
    }

    private void handle(SegmentOutcome o) {
        Trial t = o.segment().trial();
        running.remove(t.id());
        TrialState s = states.get(t.id());
        int until = o.segment().until();
        switch (o.kind()) {
            case DONE -> {
                Double value = dir.valueAt(t.id(), metric, until);
                if (value == null) {
                    fail(t, s, "its run logged no '" + metric + "' at step " + until + " (see "
                            + dir.runDir(t.id()).resolve("metrics.jsonl") + " for what it reports)");
                    return;
                }
                boolean last = until >= plan.steps();
                update(t.id(), s.finished(until, value, last));
                dir.event(last ? EventLog.DONE : EventLog.RUNG, t.id(), Map.of("step", until, metric, value));
                say(String.format(java.util.Locale.ROOT, "%s %s at step %d: %s %.4g", t.id(), last ? "done" : "reached rung",
                        until, metric, value));
            }
            case BAD_INPUT -> fail(t, s, "its configuration was refused: " + o.detail());
            case DIVERGED -> fail(t, s, "diverged: " + o.detail());
            case BUSY -> {
                update(t.id(), s.with(Status.PENDING));
                notBefore.put(t.id(), System.currentTimeMillis() + BUSY_WAIT_MILLIS);
                say(t.id() + " is still held by a worker of an earlier driver; waiting for it to checkpoint and end");
            }
            case INTERRUPTED -> {
                update(t.id(), s.with(Status.PENDING));
                dir.event("segment_interrupted", t.id(), Map.of("until", until));
            }
            case CRASHED -> {
                TrialState c = s.crashed();
                if (c.attempts() > retries) {
                    fail(t, c, "crashed " + c.attempts() + " times (exit " + o.exitCode() + "): " + o.detail());
                } else {
                    update(t.id(), c);
                    dir.event("trial_retried", t.id(), Map.of("attempt", c.attempts(), "exit", o.exitCode(),
                            "detail", String.valueOf(o.detail())));
                    say(t.id() + " crashed (exit " + o.exitCode() + "); retrying from its last checkpoint, attempt "
                            + c.attempts() + " of " + retries);
                }
            }
        }
    }

    private void fail(Trial t, TrialState s, String why) {
        update(t.id(), s.ended(Status.FAILED, why));
        dir.event(EventLog.FAILED, t.id(), Map.of("reason", why));
        say(t.id() + " failed: " + why);
    }

    private void apply(List<Decision> decisions) {
        for (Decision d : decisions) {
            Configuration c = plan.configurations().stream().filter(k -> k.id().equals(d.configurationId())).findFirst()
                    .orElseThrow();
            boolean changed = false;
            for (Trial t : plan.trialsOf(c)) {
                TrialState s = states.get(t.id());
                if (d.stop()) {
                    if (!s.status().terminal()) {
                        update(t.id(), s.ended(Status.STOPPED, d.reason()));
                        changed = true;
                    }
                } else if (s.wouldStopAt() == null) {
                    update(t.id(), s.wouldStop(d.step()));
                    changed = true;
                }
            }
            if (changed) {
                dir.event(d.stop() ? EventLog.STOPPED : EventLog.WOULD_STOP, null,
                        Map.of("configuration", c.id(), "step", d.step(), "reason", d.reason()));
                say(c.id() + (d.stop() ? " stopped: " : " (never stopped) would have stopped: ") + d.reason());
            }
        }
    }

    /**
     * A driver killed while it stopped a configuration's trials one by one left some stopped and
     * some waiting; and seeds added to a study join configurations already stopped. Both stop here.
     */
    private void completeStops() {
        for (Configuration c : plan.configurations()) {
            String reason = plan.trialsOf(c).stream().map(t -> states.get(t.id()))
                    .filter(s -> s.status() == Status.STOPPED).map(TrialState::reason).findFirst().orElse(null);
            if (reason == null) {
                continue;
            }
            for (Trial t : plan.trialsOf(c)) {
                TrialState s = states.get(t.id());
                if (!s.status().terminal()) {
                    update(t.id(), s.ended(Status.STOPPED, reason));
                }
            }
        }
    }

    private void restorePolicy() {
        Path f = dir.root().resolve(POLICY_FILE);
        if (Files.isRegularFile(f)) {
            Map<String, Object> saved = StudyDirectory.readMap(f);
            if (plan.spec().get(StudySettings.POLICY).equals(saved.get("policy")) && saved.get("state") instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> state = (Map<String, Object>) m;
                policy.restore(state);
                savedPolicyState = policy.state();
            }
        }
    }

    private void savePolicy() {
        Map<String, Object> now = policy.state();
        if (now.equals(savedPolicyState)) {
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("policy", plan.spec().get(StudySettings.POLICY));
        doc.put("state", now);
        try {
            AtomicFiles.writeString(dir.root().resolve(POLICY_FILE), Json.pretty(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        savedPolicyState = now;
    }

    private void update(String id, TrialState s) {
        states.put(id, s);
        dir.save(id, s);
    }

    private long stepsTrained() {
        return states.values().stream().mapToLong(TrialState::step).sum();
    }

    StudyCounts counts() {
        int done = 0;
        int pending = 0;
        int stopped = 0;
        int failed = 0;
        long left = 0;
        for (Map.Entry<String, TrialState> e : states.entrySet()) {
            TrialState s = e.getValue();
            switch (s.status()) {
                case DONE -> done++;
                case STOPPED -> stopped++;
                case FAILED -> failed++;
                default -> {
                    if (!running.contains(e.getKey())) {
                        pending++;
                    }
                    left += plan.steps() - s.step();
                }
            }
        }
        long trained = stepsTrained();
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long now = trained - stepsAtStart;
        Double secondsLeft = now > 0 && elapsed > 0 ? left / (now / elapsed) : null;
        return new StudyCounts(states.size(), done, running.size(), pending, stopped, failed, trained,
                (long) plan.steps() * states.size(), secondsLeft);
    }

    private void say(String line) {
        listener.onEvent(line, counts());
    }
}
