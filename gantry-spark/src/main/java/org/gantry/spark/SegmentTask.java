package org.gantry.spark;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gantry.study.run.TrialWorker;
import org.gantry.study.run.WorkerCommand;
import org.gantry.study.run.WorkerProcess;

/**
 * What a Spark task does: start a worker JVM for one trial segment and return its exit code. A
 * separate JVM because DJL allows one gradient collector per JVM and an executor runs several
 * tasks at once. The segment is idempotent, so a task Spark runs again after a lost executor
 * finds the trial at its step (or resumes it) and never duplicates a result.
 *
 * @param trialDir the trial's directory, on a file system every executor sees
 */
record SegmentTask(String trialDir, int until) implements Serializable {

    int run() throws IOException, InterruptedException {
        Path dir = Path.of(trialDir);
        List<String> cmd = new ArrayList<>(WorkerCommand.of(dir, until));
        int cp = cmd.indexOf("-cp");
        cmd.set(cp + 1, classPath());
        Process p = WorkerProcess.start(cmd, dir);
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroy(); // a killed task: the worker checkpoints and exits
            throw e;
        }
    }

    /**
     * The worker's class path: this JVM's when Gantry is on it (Spark in local mode, started by
     * gantry), else the application jar Spark fetched for this executor (spark-submit).
     */
    static String classPath() {
        String own = System.getProperty("java.class.path");
        String jar;
        try {
            jar = new File(TrialWorker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return own;
        }
        for (String entry : own.split(File.pathSeparator)) {
            if (entry.equals(jar)) {
                return own;
            }
        }
        return jar + File.pathSeparator + own;
    }
}
