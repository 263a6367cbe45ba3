package org.gantry.spark;

import java.util.Map;
import org.gantry.study.plan.StudyPlan;
import org.gantry.study.run.ExecutorProvider;
import org.gantry.study.run.StudyDirectory;
import org.gantry.study.run.TrialExecutor;

/**
 * {@code --on spark}. This class names no Spark type, so finding it through the service loader
 * loads no Spark class; {@link SparkExecutor} and Spark load only when a study asks for them.
 */
public final class SparkExecutorProvider implements ExecutorProvider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public TrialExecutor create(StudyPlan plan, StudyDirectory dir, Map<String, String> options) {
        return SparkExecutor.start(plan.spec().name(), options.get("master"));
    }
}
