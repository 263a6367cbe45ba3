package org.gantry.study.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.gantry.study.plan.Configuration;
import org.gantry.study.plan.StudyPlan;
import org.gantry.study.plan.Trial;
import org.gantry.study.state.TrialState;
import org.gantry.study.state.TrialState.Status;

/**
 * The driver saves a trial's state first and appends the event that reports it second, so a
 * driver killed between the two leaves the event out while the state has it. Before a driver
 * starts, this writes every such event from the states: each rung, end and failure of a trial and
 * each configuration's stop (or the stop it would have had), once, marked {@code recovered} and
 * dated by the state file. Retries are not written back: their count is in the trial's state.
 */
final class LostEvents {
    private LostEvents() {}

    static void recover(StudyPlan plan, StudyDirectory dir, Map<String, TrialState> states, String metric) {
        EventLog log = dir.events();
        log.dropCutLine();
        Set<String> logged = new HashSet<>();
        for (Map<String, Object> e : log.read()) {
            if (e.get("event") instanceof String kind) {
                String key = key(kind, e.get("trial") instanceof String t ? t : String.valueOf(e.get("configuration")),
                        e.get("step"));
                if (key != null) {
                    logged.add(key);
                }
            }
        }
        for (Trial t : plan.trials()) {
            TrialState s = states.get(t.id());
            for (Map.Entry<Integer, Double> v : s.values().entrySet()) {
                if (!logged.contains(key(EventLog.RUNG, t.id(), v.getKey()))) {
                    boolean last = s.status() == Status.DONE && v.getKey() == s.step();
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("step", v.getKey());
                    details.put(metric, v.getValue());
                    details.put("recovered", true);
                    log.append(last ? EventLog.DONE : EventLog.RUNG, t.id(), details, savedAt(dir, t.id()));
                }
            }
            if (s.status() == Status.FAILED && !logged.contains(key(EventLog.FAILED, t.id(), null))) {
                log.append(EventLog.FAILED, t.id(), Map.of("reason", String.valueOf(s.reason()), "recovered", true),
                        savedAt(dir, t.id()));
            }
        }
        for (Configuration c : plan.configurations()) {
            int step = plan.trialsOf(c).stream().mapToInt(t -> states.get(t.id()).step()).max().orElse(0);
            for (Trial t : plan.trialsOf(c)) {
                TrialState s = states.get(t.id());
                if (s.status() == Status.STOPPED && logged.add(key(EventLog.STOPPED, c.id(), null))) {
                    log.append(EventLog.STOPPED, null, Map.of("configuration", c.id(), "step", step, "reason",
                            String.valueOf(s.reason()), "recovered", true), savedAt(dir, t.id()));
                }
                if (s.wouldStopAt() != null && logged.add(key(EventLog.WOULD_STOP, c.id(), null))) {
                    log.append(EventLog.WOULD_STOP, null, Map.of("configuration", c.id(), "step", s.wouldStopAt(),
                            "recovered", true), savedAt(dir, t.id()));
                }
            }
        }
    }

    /** What an event reports, alike for the driver's line and a recovered one; null for events not recovered. */
    private static String key(String kind, String id, Object step) {
        return switch (kind) {
            case EventLog.DONE, EventLog.RUNG -> step instanceof Number n ? "metric " + id + " " + n.intValue() : null;
            case EventLog.FAILED, EventLog.STOPPED, EventLog.WOULD_STOP -> kind + " " + id;
            default -> null;
        };
    }

    /** When the trial's state was last written: the time of the event that went missing. */
    private static Instant savedAt(StudyDirectory dir, String trialId) {
        Path f = dir.trialDir(trialId).resolve("state.json");
        try {
            return Files.getLastModifiedTime(f).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }
}
