package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline worker's command puts the checkout's classes before this build's and passes its JVM options. */
class BaselineCheckoutTest {

    @Test
    void theCheckoutsJarsComeFirstAndItsOptionsThenTheExtraOnes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("jvm.options"), "# a comment -Xmx1m\n-Xms256m  -Xmn64m\n\n-XX:+AlwaysPreTouch\n");
        Path jar = dir.resolve("bench/target/gantry-bench-0.1.0.jar");
        BaselineCheckout checkout = new BaselineCheckout(dir, "25bde41" + "0".repeat(33), jar);
        List<String> cmd = checkout.workerCommand("/own/classes", " -Dx=1   -Dy=2 ", Path.of("/m"), 1, 7);

        int cp = cmd.indexOf("-cp");
        assertThat(cmd.subList(1, cp)).containsExactly("-Djava.awt.headless=true", "-Dgantry.home=" + dir,
                "-Xlog:all=warning:stderr", "-Xms256m", "-Xmn64m", "-XX:+AlwaysPreTouch", "-Dx=1", "-Dy=2");
        assertThat(cmd.get(cp + 1).split(File.pathSeparator)).containsExactly(jar.toString(),
                dir.resolve("bench/target/lib/*").toString(), "/own/classes");
        assertThat(cmd.subList(cp + 2, cmd.size())).containsExactly(StepWorker.class.getName(), "/m", "1", "7");
    }

    @Test
    void theTableNamesTheShortCommit() {
        assertThat(BaselineCheckout.gantryAt("25bde41" + "a".repeat(33))).isEqualTo("Gantry at 25bde41");
        assertThat(BaselineCheckout.gantryAt("25bde41" + "a".repeat(33) + "-dirty")).isEqualTo("Gantry at 25bde41-dirty");
        assertThat(BaselineCheckout.gantryAt("unknown")).isEqualTo("Gantry at unknown");
    }
}
