package org.gantry.study.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.gantry.config.ConfigException;
import org.gantry.study.run.StudyDirectory;
import org.gantry.study.run.TrialWorker;
import org.gantry.study.state.Means;
import org.gantry.study.state.TrialState;

/**
 * A study read back from its directory alone (plan and trial states), for status and reports: no
 * study file and no re-planning needed, so it works on a copy of the folder from a cluster.
 */
public record StoredStudy(Path root, String name, String metric, boolean higherIsBetter, int steps, List<String> factors,
        List<String> searchKeys, List<StoredConfiguration> configurations) {

    /** One configuration with its trials' states, in seed order. */
    public record StoredConfiguration(String id, Map<String, Object> settings, int point, List<String> trialIds,
            List<TrialState> trials) {

        /** The seeds' metric at the study's last step, for finished trials. */
        public double[] finalValues(int steps) {
            return trials.stream().filter(t -> t.status() == TrialState.Status.DONE && t.valueAt(steps) != null)
                    .mapToDouble(t -> t.valueAt(steps)).toArray();
        }

        public long count(TrialState.Status s) {
            return trials.stream().filter(t -> t.status() == s).count();
        }
    }

    @SuppressWarnings("unchecked")
    public static StoredStudy read(Path root) {
        if (!Files.isRegularFile(root.resolve("plan.json"))) {
            throw new ConfigException("'" + root + "' is not a study directory: it has no plan.json (gantry study run writes one)");
        }
        StudyDirectory dir = new StudyDirectory(root);
        Map<String, Object> plan = dir.storedPlan();
        List<StoredConfiguration> configs = new ArrayList<>();
        for (Map<String, Object> c : StudyDirectory.configurationsOf(plan)) {
            List<String> ids = (List<String>) c.get("trials");
            configs.add(new StoredConfiguration((String) c.get("id"), (Map<String, Object>) c.get("settings"),
                    ((Number) c.get("point")).intValue(), ids, ids.stream().map(id -> current(dir, id)).toList()));
        }
        return new StoredStudy(root, (String) plan.get("name"), (String) plan.get("metric"),
                (Boolean) plan.get("higher_is_better"), ((Number) plan.get("steps")).intValue(),
                (List<String>) plan.get("factors"), (List<String>) plan.get("search"), configs);
    }

    /**
     * The trial's recorded state, except that "running" is believed only while a worker holds the
     * trial's lock: a driver killed mid-segment leaves "running" behind, and such a trial is waiting.
     */
    private static TrialState current(StudyDirectory dir, String id) {
        TrialState s = dir.state(id);
        if (s.status() != TrialState.Status.RUNNING) {
            return s;
        }
        Path lock = dir.trialDir(id).resolve(TrialWorker.LOCK);
        if (!Files.exists(lock)) {
            return s.with(TrialState.Status.PENDING);
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock held = channel.tryLock()) {
            return held == null ? s : s.with(TrialState.Status.PENDING);
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return s;
        }
    }

    /** A configuration's mean final metric, negated when higher is better so that smaller is better; +inf if no seed finished. */
    public double orientedFinalMean(StoredConfiguration c) {
        double[] v = c.finalValues(steps);
        return v.length == 0 ? Double.POSITIVE_INFINITY : Means.oriented(v, higherIsBetter);
    }

    /** The configurations with a finished seed, best first (ties in plan order). */
    public List<StoredConfiguration> ranked() {
        return configurations.stream().filter(c -> c.finalValues(steps).length > 0)
                .sorted(Comparator.comparingDouble(this::orientedFinalMean)).toList();
    }

    public long count(TrialState.Status s) {
        return configurations.stream().mapToLong(c -> c.count(s)).sum();
    }

    public int trials() {
        return configurations.stream().mapToInt(c -> c.trialIds().size()).sum();
    }
}
