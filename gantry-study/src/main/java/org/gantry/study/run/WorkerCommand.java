package org.gantry.study.run;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a worker JVM: this JVM's java binary, its memory and system-property
 * options (debugger and agent options left out), its class path, and {@link TrialWorker}.
 */
public final class WorkerCommand {
    private WorkerCommand() {}

    public static List<String> of(Path trialDir, int until) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent") && !option.startsWith("-Xdebug")
                    && !option.startsWith("-Xrunjdwp")) {
                cmd.add(option);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TrialWorker.class.getName());
        cmd.add(trialDir.toAbsolutePath().toString());
        cmd.add(Integer.toString(until));
        return cmd;
    }
}
