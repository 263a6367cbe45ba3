package org.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A named bench continues where it stopped and refuses to mix settings in one table. */
class PacGanBenchTest {
    @TempDir
    Path out;

    @Test
    void aNamedBenchReadsFinishedTrialsAndRerunsUnfinishedOnes() throws Exception {
        Result first = bench("--trials=2", "--steps=20");
        assertThat(first.code).isZero();
        assertThat(first.text).contains("ring seed 0:").doesNotContain("read from").contains("| ring |");
        Path seed0 = out.resolve("t").resolve("ring-seed0");
        Path seed1 = out.resolve("t").resolve("ring-seed1");
        assertThat(seed0.resolve(BenchTrial.ROW_FILE)).isRegularFile();
        String row0 = Files.readString(seed0.resolve(BenchTrial.ROW_FILE));

        // Seed 1 as a stopped process leaves it: a run directory without its row.
        Files.delete(seed1.resolve(BenchTrial.ROW_FILE));
        Result second = bench("--trials=2", "--steps=20");
        assertThat(second.code).isZero();
        assertThat(second.text).containsPattern("ring seed 0: .*read from").containsPattern("ring seed 1: (?!.*read from)");
        assertThat(Files.readString(seed0.resolve(BenchTrial.ROW_FILE))).isEqualTo(row0);
        assertThat(seed1.resolve(BenchTrial.ROW_FILE)).isRegularFile();
        // The table of the second call has both trials, as the first one did.
        assertThat(second.text).contains("PacGAN protocol, 2 trials per data set (seeds 0-1), 20 steps per trial");
    }

    @Test
    void trialsSplitByFirstSeedFormOneTable() throws Exception {
        assertThat(bench("--trials=1", "--first-seed=1", "--steps=20").code).isZero();
        assertThat(out.resolve("t").resolve("ring-seed1").resolve(BenchTrial.ROW_FILE)).isRegularFile();
        assertThat(out.resolve("t").resolve("ring-seed0")).doesNotExist();

        Result all = bench("--trials=2", "--steps=20");
        assertThat(all.code).isZero();
        assertThat(all.text).containsPattern("ring seed 0: (?!.*read from)").containsPattern("ring seed 1: .*read from")
                .contains("2 trials per data set (seeds 0-1)");
    }

    @Test
    void changedSettingsUnderTheSameNameAreAnError() throws Exception {
        assertThat(bench("--trials=1", "--steps=20").code).isZero();
        Result changed = bench("--trials=1", "--steps=20", "--set=d.lr=0.001");
        assertThat(changed.code).isEqualTo(2);
        assertThat(changed.errors).contains("ring-seed0").contains("was run with other settings")
                .contains("d.lr (1.0E-4 -> 0.001)").contains("choose another --name");
    }

    @Test
    void aTrialFromBeforeASettingExistedIsReadWithThatSettingsDefault() throws Exception {
        assertThat(bench("--trials=1", "--steps=20").code).isZero();
        // As older code wrote it: without train.d_ema, a setting added later whose default repeats the old step.
        Path config = out.resolve("t").resolve("ring-seed0").resolve("config.yaml");
        String yaml = Files.readString(config);
        assertThat(yaml).contains("  d_ema: 0.0\n");
        Files.writeString(config, yaml.replace("  d_ema: 0.0\n", ""));

        Result again = bench("--trials=1", "--steps=20");
        assertThat(again.code).isZero();
        assertThat(again.text).containsPattern("ring seed 0: .*read from");
        Result changed = bench("--trials=1", "--steps=20", "--set=train.d_ema=0.5");
        assertThat(changed.code).isEqualTo(2);
        assertThat(changed.errors).contains("train.d_ema (0.0 -> 0.5)");
    }

    @Test
    void noTrialsIsAnErrorNotAnEmptyTable() {
        Result none = bench("--trials=0", "--steps=20");
        assertThat(none.code).isEqualTo(2);
        assertThat(none.errors).contains("--trials and --steps must be at least 1").contains("--trials 0");
        assertThat(out.resolve("t")).doesNotExist();
    }

    private record Result(int code, String text, String errors) {}

    private Result bench(String... args) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(text, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 5];
            all[0] = "--out=" + out;
            all[1] = "--name=t";
            all[2] = "--data=ring";
            all[3] = "--set=train.threads=1";
            all[4] = "--set=data.size=2000";
            System.arraycopy(args, 0, all, 5, args.length);
            int code = new CommandLine(new PacGanBench()).execute(all);
            return new Result(code, text.toString(StandardCharsets.UTF_8), errors.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
