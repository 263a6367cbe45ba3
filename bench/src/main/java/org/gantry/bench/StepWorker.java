package org.gantry.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import org.gantry.core.engine.TorchEngine;

/**
 * A Gantry checkout as bench/dcgan's peer: steps that checkout's dcgan-mnist trainer on command,
 * speaking the PyTorch worker's line protocol ("run N", "version", "quit"; see
 * bench/python/step_worker.py). {@link StepPeer#baseline} runs it on the checkout's own classes,
 * so it calls nothing of GantryStepper beyond what every checkout's has.
 *
 * <p>Arguments: the MNIST directory, intra-op threads, seed.
 */
public final class StepWorker {
    private StepWorker() {}

    public static void main(String[] args) throws Exception {
        Path mnist = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        // The protocol owns stdout: anything else printed there would be read as an answer.
        PrintStream answers = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        try (GantryStepper stepper = new GantryStepper(GantryStepper.config(mnist, threads, seed), threads)) {
            serve(stepper, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), answers);
        }
    }

    /** Answers {@code commands} line by line until "quit" or their end. */
    static void serve(GantryStepper stepper, BufferedReader commands, PrintStream answers) throws IOException {
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            List<String> words = ChildJvm.words(line);
            if (words.isEmpty()) {
                continue;
            }
            switch (words.get(0)) {
                case "run" -> {
                    int steps = Integer.parseInt(words.get(1));
                    StringJoiner times = new StringJoiner(" ", "ok ", "");
                    for (int i = 0; i < steps; i++) {
                        times.add(Double.toString(stepper.timedStep()));
                    }
                    answers.println(times);
                }
                case "version" -> answers.println("ok " + versions());
                case "quit" -> {
                    return;
                }
                default -> answers.println("error unknown command '" + line + "'");
            }
        }
    }

    /**
     * The libtorch and DJL versions the checkout runs on, and Java's. The engine calls link
     * against whichever checkout runs this; one that lacks them still answers with Java's.
     */
    static String versions() {
        String java = "Java " + System.getProperty("java.version");
        try {
            return "libtorch " + TorchEngine.libtorchVersion() + " via DJL " + TorchEngine.djlVersion() + ", " + java;
        } catch (LinkageError e) {
            return java;
        }
    }
}
