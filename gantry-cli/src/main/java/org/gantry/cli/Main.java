package org.gantry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gantry} command. */
@Command(name = "gantry", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train, evaluate and compare GANs on the JVM.",
        subcommands = {TrainCommand.class, StudyCommand.class, EvalCommand.class, SampleCommand.class, GeodesicCommand.class, PresetsCommand.class, ClassifierCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad input: unknown keys, bad values, missing files. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for a run stopped by a NaN or infinite loss. */
    public static final int EXIT_DIVERGED = 3;
    /** Exit code for a run stopped by Ctrl-C or SIGTERM after saving a checkpoint (128 + SIGINT). */
    public static final int EXIT_INTERRUPTED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
