package org.gantry.study.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gantry.config.Config;
import org.gantry.config.ConfigBuilder;
import org.gantry.config.ConfigException;
import org.gantry.core.run.GantrySchema;
import org.gantry.core.run.TrainingRun;
import org.gantry.io.AtomicFiles;
import org.gantry.io.Json;
import org.gantry.study.plan.Configuration;
import org.gantry.study.plan.StudyPlan;
import org.gantry.study.plan.Trial;
import org.gantry.study.state.TrialState;

/**
 * A study's folder, which may live on a shared file system:
 * <pre>
 *   study.yaml           the study file as it was run
 *   plan.json            configurations (id, settings, search point), metric and direction, trials
 *   events.jsonl         one line per event: started, finished, stopped, failed, retried
 *   trials/ID/trial.yaml the trial's training configuration
 *   trials/ID/state.json where the trial stands ({@link TrialState})
 *   trials/ID/run/       the trial's run directory, as gantry train writes it
 * </pre>
 * Only the driver writes here, except each worker into its own trial's run directory; every file
 * is written whole, atomically.
 */
public final class StudyDirectory {
    private static final ObjectMapper JSON = Json.mapper();
    private final Path root;

    public StudyDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path trialDir(Trial t) {
        return trialDir(t.id());
    }

    public Path trialDir(String id) {
        return root.resolve("trials").resolve(id);
    }

    public Path runDir(String trialId) {
        return trialDir(trialId).resolve(TrialWorker.RUN);
    }

    /** The configuration ids of the plan stored here by identity, for a rerun or an extended study; empty when new. */
    public Map<String, String> knownIds() {
        Path plan = root.resolve("plan.json");
        Map<String, String> ids = new LinkedHashMap<>();
        if (Files.isRegularFile(plan)) {
            for (Map<String, Object> c : configurationsStored()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> settings = (Map<String, Object>) c.get("settings");
                ids.put(Configuration.identity(settings), (String) c.get("id"));
            }
        }
        return ids;
    }

    public List<Map<String, Object>> configurationsStored() {
        return configurationsOf(storedPlan());
    }

    /** The configurations of a stored plan read already. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> configurationsOf(Map<String, Object> storedPlan) {
        return (List<Map<String, Object>>) storedPlan.get("configurations");
    }

    /** The stored plan, whole. */
    public Map<String, Object> storedPlan() {
        return readMap(root.resolve("plan.json"));
    }

    /**
     * Writes the plan and every trial's configuration. A trial that has already run must have been
     * run with the same training configuration (apart from what a resume may change), else the
     * study cannot continue in this folder.
     */
    public void write(StudyPlan plan, String studyYaml) throws IOException {
        // Every trial is checked before any file is written, so a refused rerun changes nothing here.
        for (Trial t : plan.trials()) {
            Path run = runDir(t.id());
            if (Files.isRegularFile(run.resolve("config.yaml"))) {
                Config used = TrainingRun.configOf(run, new ConfigBuilder(GantrySchema.create())).build();
                List<String> changed = used.changesTo(plan.config(t), key -> !TrainingRun.RESUMABLE_CHANGES.contains(key));
                if (!changed.isEmpty()) {
                    throw new ConfigException("trial " + t.id() + " in '" + root + "' was run with other settings ("
                            + String.join(", ", changed) + "); run this study in another directory");
                }
            }
        }
        for (Trial t : plan.trials()) {
            Files.createDirectories(trialDir(t));
            AtomicFiles.writeString(trialDir(t).resolve(TrialWorker.CONFIG), plan.config(t).toYaml());
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", plan.spec().name());
        doc.put("metric", plan.spec().get(org.gantry.study.spec.StudySettings.METRIC));
        doc.put("higher_is_better", plan.higherIsBetter());
        doc.put("steps", plan.steps());
        doc.put("factors", new ArrayList<>(plan.spec().factors().keySet()));
        doc.put("search", plan.spec().space().stream().map(d -> d.key()).toList());
        List<Map<String, Object>> configs = new ArrayList<>();
        for (Configuration c : plan.configurations()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("settings", c.settings());
            m.put("point", c.point());
            m.put("trials", plan.trialsOf(c).stream().map(Trial::id).toList());
            configs.add(m);
        }
        doc.put("configurations", configs);
        AtomicFiles.writeString(root.resolve("plan.json"), Json.pretty(doc));
        AtomicFiles.writeString(root.resolve("study.yaml"), studyYaml);
    }

    public TrialState state(String trialId) {
        Path f = trialDir(trialId).resolve("state.json");
        if (!Files.isRegularFile(f)) {
            return TrialState.fresh();
        }
        try {
            return JSON.readValue(f.toFile(), TrialState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    public void save(String trialId, TrialState state) {
        try {
            AtomicFiles.writeString(trialDir(trialId).resolve("state.json"), Json.pretty(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The study's event log, events.jsonl. */
    public EventLog events() {
        return new EventLog(root.resolve("events.jsonl"));
    }

    /** Appends one event dated now (after the state it reports: see {@link LostEvents}). */
    public void event(String kind, String trialId, Map<String, Object> details) {
        events().append(kind, trialId, details);
    }

    /** The trial's metric at {@code step} from its run's metrics log, or null when it has none there. */
    public Double valueAt(String trialId, String metric, int step) {
        return metricLog(trialId, metric).get(step);
    }

    /**
     * Step to {@code metric} from a trial's metrics log; a later line for a step wins (a resumed
     * run logs again what came after its checkpoint), and a line cut short by a killed worker is
     * passed over. Non-finite values, which JSON spells as strings, come back as such.
     */
    public TreeMap<Integer, Double> metricLog(String trialId, String metric) {
        Path log = runDir(trialId).resolve("metrics.jsonl");
        TreeMap<Integer, Double> out = new TreeMap<>();
        if (!Files.isRegularFile(log)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
        for (String line : lines) {
            Map<String, Object> m;
            try {
                m = JSON.readValue(line, new TypeReference<Map<String, Object>>() {});
            } catch (IOException e) {
                continue;
            }
            Object v = m == null ? null : m.get(metric);
            Double value = v instanceof Number n ? Double.valueOf(n.doubleValue()) : v instanceof String text ? parse(text) : null;
            if (m != null && m.get("step") instanceof Number step && value != null) {
                out.put(step.intValue(), value);
            }
        }
        return out;
    }

    private static Double parse(String text) {
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A JSON file's object. */
    public static Map<String, Object> readMap(Path f) {
        try {
            return JSON.readValue(f.toFile(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}
