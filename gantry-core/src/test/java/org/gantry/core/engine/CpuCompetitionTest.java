package org.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CpuCompetitionTest {

    private static final String STAT = """
            cpu  900 90 300 5000 10 7 3 11 0 0
            cpu0 100 10 50 2000 5 3 1 5 0 0
            cpu1 300 20 100 1500 2 2 1 3 0 0
            cpu2 500 60 150 1500 3 2 1 3 0 0
            intr 12345 0 0
            ctxt 999
            """;

    /** User, nice and system of the listed CPUs only; the all-CPU line, interrupts and steal are not counted. */
    @Test
    void busyTicksAddUserNiceAndSystemOfTheListedCpus() {
        assertThat(CpuCompetition.busyTicks(STAT, bits(0, 1))).isEqualTo(100 + 10 + 50 + 300 + 20 + 100);
        assertThat(CpuCompetition.busyTicks(STAT, bits(2))).isEqualTo(500 + 60 + 150);
        assertThat(CpuCompetition.busyTicks(STAT, bits(7))).isZero();
    }

    /** A command name with spaces and a parenthesis must not shift the fields. */
    @Test
    void ownTicksAreFields14And15() {
        String stat = "4242 (a (b) c) S 1 4242 4242 0 -1 4194304 100 0 0 0 777 55 0 0 20 0 9 0 123 456 789";
        assertThat(CpuCompetition.ownTicks(stat)).isEqualTo(777 + 55);
    }

    /**
     * A thread of this process spinning for a second reads as about one CPU of the process's own use;
     * a process spinning in another reads as at least most of one CPU of others' use. Bounds: one busy
     * loop uses at most one CPU (and this process's other threads little beside it), and with 10 ms
     * ticks over a second the counts are off by a few hundredths. Other processes on the machine can
     * only add to the others' reading, so it has no upper bound below the CPU count.
     */
    @Test
    void thisProcessAndAnotherAreToldApart() throws IOException, InterruptedException {
        CpuCompetition competition = CpuCompetition.ofThisProcess();
        AtomicBoolean stop = new AtomicBoolean();
        Thread own = new Thread(() -> {
            long x = 0;
            while (!stop.get()) {
                x += System.nanoTime() & 1;
            }
            assertThat(x).isNotNegative();
        });
        own.start();
        double ownLoop;
        try {
            CpuCompetition.Sample before = competition.sample();
            Thread.sleep(1000);
            ownLoop = competition.ownBetween(before, competition.sample());
        } finally {
            stop.set(true);
            own.join();
        }
        Process other = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        double otherLoop;
        try {
            Thread.sleep(100);
            CpuCompetition.Sample before = competition.sample();
            Thread.sleep(1000);
            otherLoop = competition.othersBetween(before, competition.sample());
        } finally {
            other.destroyForcibly().waitFor();
        }
        assertThat(ownLoop).isBetween(0.6, 1.5);
        assertThat(otherLoop).isBetween(0.6, competition.cpuCount() + 0.1);
    }

    private static BitSet bits(int... cpus) {
        BitSet b = new BitSet();
        for (int c : cpus) {
            b.set(c);
        }
        return b;
    }
}
