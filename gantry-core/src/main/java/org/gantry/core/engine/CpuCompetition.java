package org.gantry.core.engine;

import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.gantry.io.CpuLists;

/**
 * How much of this process's CPUs other processes use: the busy time the kernel counts on the CPUs
 * this process may run on ({@code /proc/stat}), less this process's own ({@code /proc/self/stat}),
 * between two samples. Both count in the kernel's clock ticks, so the difference is only as fine as
 * a tick (10 ms at the usual 100 Hz) per CPU and window.
 */
final class CpuCompetition {
    /** {@code sysconf}'s name for the clock ticks per second of {@code /proc}'s counters. */
    private static final int SC_CLK_TCK = 2;

    private final BitSet cpus;
    private final double ticksPerSecond;

    private CpuCompetition(BitSet cpus, double ticksPerSecond) {
        this.cpus = cpus;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** For this process's CPUs as the kernel lists them now. */
    static CpuCompetition ofThisProcess() throws IOException {
        BitSet cpus = new BitSet();
        CpuLists.allowedIn(Path.of("/proc/self/status")).forEach(cpus::set);
        long hz = NativeLibrary.getInstance("c").getFunction("sysconf").invokeLong(new Object[] {SC_CLK_TCK});
        if (hz <= 0) {
            throw new IOException("sysconf(_SC_CLK_TCK) gave " + hz);
        }
        return new CpuCompetition(cpus, hz);
    }

    /** Busy and own ticks at one moment. */
    record Sample(long nanos, long busyTicks, long ownTicks) {}

    Sample sample() throws IOException {
        long nanos = System.nanoTime();
        long own = ownTicks(Files.readString(Path.of("/proc/self/stat")));
        long busy = busyTicks(Files.readString(Path.of("/proc/stat")), cpus);
        return new Sample(nanos, busy, own);
    }

    /** CPUs' worth of time other processes were busy on this process's CPUs between the samples. */
    double othersBetween(Sample earlier, Sample later) {
        long own = later.ownTicks() - earlier.ownTicks();
        return cpus(later.busyTicks() - earlier.busyTicks() - own, earlier, later);
    }

    /** CPUs' worth of time this process was busy between the samples. */
    double ownBetween(Sample earlier, Sample later) {
        return cpus(later.ownTicks() - earlier.ownTicks(), earlier, later);
    }

    /** How many CPUs this process may run on. */
    int cpuCount() {
        return cpus.cardinality();
    }

    private double cpus(long ticks, Sample earlier, Sample later) {
        double seconds = (later.nanos() - earlier.nanos()) / 1e9;
        return seconds > 0 ? ticks / (seconds * ticksPerSecond) : 0;
    }

    /**
     * The user, nice and system ticks of {@code cpus} in a {@code /proc/stat} text. Interrupt time,
     * which the kernel charges to no process, and time the hypervisor gave other machines (steal)
     * are left out: neither is a process competing for these CPUs.
     */
    static long busyTicks(String procStat, BitSet cpus) {
        long busy = 0;
        for (String line : procStat.split("\n")) {
            if (!line.startsWith("cpu") || line.length() < 4 || !Character.isDigit(line.charAt(3))) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (cpus.get(Integer.parseInt(f[0].substring(3)))) {
                busy += Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]);
            }
        }
        return busy;
    }

    /**
     * A process's user and system ticks (fields 14 and 15 of {@code /proc/PID/stat}, counted after
     * the command name, which may itself hold spaces and parentheses).
     */
    static long ownTicks(String procPidStat) {
        String[] f = procPidStat.substring(procPidStat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
