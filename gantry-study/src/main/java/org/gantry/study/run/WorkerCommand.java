package org.gantry.study.run;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a worker JVM: this JVM's java binary, its memory, system-property and
 * module options, its class path, and {@link TrialWorker}. Options that attach a debugger or an
 * agent, or that write logs and recordings to a named file, stay with this JVM: several workers
 * would fight over the port or overwrite each other's file.
 */
public final class WorkerCommand {
    private static final List<String> NOT_INHERITED = List.of("-agentlib", "-agentpath", "-javaagent", "-Xdebug",
            "-Xrunjdwp", "-Xlog", "-verbose", "-Xloggc", "-XX:StartFlightRecording", "-XX:FlightRecorderOptions",
            "-XX:HeapDumpPath", "-XX:ErrorFile");

    private WorkerCommand() {}

    public static List<String> of(Path trialDir, int until) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (NOT_INHERITED.stream().noneMatch(option::startsWith)) {
                cmd.add(option);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TrialWorker.class.getName());
        cmd.add(trialDir.toAbsolutePath().toString());
        cmd.add(Integer.toString(until));
        // The launching JVM, by pid and start time (pids are reused): the worker ends when it is gone.
        ProcessHandle self = ProcessHandle.current();
        cmd.add(Long.toString(self.pid()));
        cmd.add(Long.toString(self.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L)));
        return cmd;
    }
}
