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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The Gantry peer of bench/dcgan answers the PyTorch worker's protocol, and --baseline checks its directory. */
class StepWorkerTest {

    @Test
    void answersRunVersionAndUnknownCommandsAndStopsAtQuit() throws Exception {
        Path mnist = Path.of(System.getProperty("gantry.shared", "../shared"), "data", "mnist");
        assumeTrue(Files.isDirectory(mnist), "shared MNIST not present");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GantryStepper stepper = new GantryStepper(GantryStepper.config(mnist.toAbsolutePath(), 1, 0), 1)) {
            StepWorker.serve(stepper, new BufferedReader(new StringReader("version\nrun 2\nbogus 1\nquit\nrun 1\n")),
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));
            // Two steps ran: the "run 1" after "quit" was never read.
            assertThat(stepper.steps()).isEqualTo(2);
        }
        List<String> answers = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0)).isEqualTo("ok Java " + System.getProperty("java.version"));
        String[] run = answers.get(1).split(" ");
        assertThat(run[0]).isEqualTo("ok");
        assertThat(Arrays.stream(run).skip(1).mapToDouble(Double::parseDouble)).hasSize(2)
                .allSatisfy(ms -> assertThat(ms).isPositive().isLessThan(600_000));
        assertThat(answers.get(2)).isEqualTo("error unknown command 'bogus 1'");
    }

    @Test
    void aBaselineThatIsNoCheckoutOrComesWithNoPeerIsAnError(@TempDir Path empty) {
        assertThat(errorOf("--baseline", empty.toString())).contains("--baseline " + empty)
                .contains("is not a Gantry checkout (it has no bench/pom.xml)");
        assertThat(errorOf("--baseline", empty.toString(), "--no-peer"))
                .contains("--baseline and --no-peer exclude each other");
    }

    private static String errorOf(String... args) {
        Path mnist = Path.of(System.getProperty("gantry.shared", "../shared"), "data", "mnist").toAbsolutePath();
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--mnist=" + mnist;
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            assertThat(new CommandLine(new DcganBench()).execute(all)).isEqualTo(2);
        } finally {
            System.setErr(old);
        }
        return errors.toString(StandardCharsets.UTF_8);
    }
}
