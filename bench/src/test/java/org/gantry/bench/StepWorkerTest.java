package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Gantry peer of bench/dcgan answers the PyTorch worker's protocol, in this JVM and as a process. */
class StepWorkerTest {
    private static final Path MNIST = Path.of(System.getProperty("gantry.shared", "../shared"), "data", "mnist")
            .toAbsolutePath();

    @Test
    void answersRunVersionAndUnknownCommandsSkipsBlankLinesAndStopsAtQuit() throws Exception {
        assumeTrue(Files.isDirectory(MNIST), "shared MNIST not present");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GantryStepper stepper = new GantryStepper(GantryStepper.config(MNIST, 1, 0), 1)) {
            StepWorker.serve(stepper, new BufferedReader(new StringReader(
                    "version\n\nrun  2\nbogus 1\nquit\nrun 1\n")), new PrintStream(bytes, true, StandardCharsets.UTF_8));
            // Two steps ran: the "run 1" after "quit" was never read.
            assertThat(stepper.steps()).isEqualTo(2);
        }
        List<String> answers = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0)).isEqualTo("ok " + StepWorker.versions()).startsWith("ok libtorch ")
                .contains(" via DJL ").endsWith(", Java " + System.getProperty("java.version"));
        String[] run = answers.get(1).split(" ");
        assertThat(run[0]).isEqualTo("ok");
        assertThat(Arrays.stream(run).skip(1).mapToDouble(Double::parseDouble)).hasSize(2)
                .allSatisfy(ms -> assertThat(ms).isPositive().isFinite());
        assertThat(answers.get(2)).isEqualTo("error unknown command 'bogus 1'");
    }

    @Test
    void aWorkerProcessIsDrivenByStepPeerThroughItsStdout() throws Exception {
        assumeTrue(Files.isDirectory(MNIST), "shared MNIST not present");
        List<String> command = ChildJvm.command(List.of("-Djava.awt.headless=true"),
                System.getProperty("java.class.path"), StepWorker.class.getName(), List.of(MNIST.toString(), "1", "0"));
        try (StepPeer peer = StepPeer.start("worker", "a test", command, Map.of(), false)) {
            // Anything the worker's libraries printed to stdout would break these answers.
            assertThat(peer.version()).startsWith("libtorch ").contains(" via DJL ");
            assertThat(peer.run(2)).hasSize(2).allSatisfy(ms -> assertThat(ms).isPositive().isFinite());
            assertThat(peer.run(1)).hasSize(1);
        }
    }
}
