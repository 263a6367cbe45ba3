package org.gantry.study.run;

import java.util.Map;
import org.gantry.study.plan.StudyPlan;

/**
 * An executor that lives in another module (Spark), found through {@link java.util.ServiceLoader}
 * so that a study on the local pool never loads its classes.
 */
public interface ExecutorProvider {
    /** The name after {@code --on}. */
    String name();

    /** An executor for the plan; {@code options} are the command's (e.g. {@code master}). */
    TrialExecutor create(StudyPlan plan, StudyDirectory dir, Map<String, String> options);
}
