package org.gantry.study.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One worker JVM for one segment, its output appended to the trial's {@code worker.log}; the local
 * pool and the Spark tasks both start workers this way.
 */
public final class WorkerProcess {
    public static final String LOG = "worker.log";

    private WorkerProcess() {}

    /** Starts the worker for {@code until} with this command (see {@link WorkerCommand}). */
    public static Process start(List<String> command, Path trialDir) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(trialDir.resolve(LOG).toFile())).start();
    }

    /** What an exit code says about the segment, with the log's last line when it did not finish. */
    public static SegmentOutcome outcome(Segment segment, int exitCode, Path trialDir, boolean stopping) {
        SegmentOutcome.Kind kind = SegmentOutcome.kindOf(exitCode);
        if (stopping && kind != SegmentOutcome.Kind.DONE) {
            kind = SegmentOutcome.Kind.INTERRUPTED;
        }
        return new SegmentOutcome(segment, kind, exitCode, kind == SegmentOutcome.Kind.DONE ? null : lastLine(trialDir.resolve(LOG)));
    }

    static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
        } catch (IOException e) {
            // the log only supplies the message
        }
        return "no output";
    }
}
