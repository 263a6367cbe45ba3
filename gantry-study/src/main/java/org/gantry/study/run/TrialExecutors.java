package org.gantry.study.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.gantry.config.ConfigException;
import org.gantry.core.train.TrainSettings;
import org.gantry.study.plan.StudyPlan;
import org.gantry.study.spec.StudySettings;

/** Picks the executor a study runs on: the local pool, or one an {@link ExecutorProvider} offers. */
public final class TrialExecutors {
    public static final String LOCAL = "local";

    private TrialExecutors() {}

    public static TrialExecutor create(String name, StudyPlan plan, StudyDirectory dir, Map<String, String> options) {
        if (LOCAL.equals(name)) {
            int workers = plan.spec().get(StudySettings.WORKERS);
            if (workers == 0) {
                int threads = plan.trials().isEmpty() ? 1 : plan.config(plan.trials().get(0)).get(TrainSettings.THREADS);
                workers = LocalPool.defaultWorkers(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
            }
            return new LocalPool(workers, FaultInjection.fromSystemProperty());
        }
        List<String> names = new ArrayList<>(List.of(LOCAL));
        for (ExecutorProvider p : ServiceLoader.load(ExecutorProvider.class)) {
            if (p.name().equals(name)) {
                return p.create(plan, dir, options);
            }
            names.add(p.name());
        }
        throw new ConfigException("no executor '" + name + "': there are " + String.join(", ", names)
                + (name.equals("spark") ? " (the spark executor comes with the gantry-spark jar; see docs/STUDIES.md)" : ""));
    }
}
