package org.gantry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * A workload whose work never changes, timed between a step bench's blocks: its spread is what the
 * machine adds, the floor under any step's interquartile range. Subclasses say what one run does;
 * both probes are sized to about one step by timing a small unit of their work first.
 */
abstract class FixedWorkload {

    /** One run of the workload; its time in ms. */
    abstract double runMs();

    /** Times of {@code runs} runs, in ms. */
    final List<Double> run(int runs) {
        List<Double> times = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            times.add(runMs());
        }
        return times;
    }

    /** Units that take {@code targetMs} at {@code msPerUnit}; at least one. */
    static long repeatsFor(double targetMs, double msPerUnit) {
        return Math.max(1, Math.round(targetMs / msPerUnit));
    }

    /**
     * The fastest of {@code timeMs}'s results over at least {@code minTimes} calls and {@code minNanos}:
     * long enough for the JIT to compile the loop before it is sized, the minimum so that a
     * neighbour's burst during calibration does not shrink the workload.
     */
    static double fastest(DoubleSupplier timeMs, int minTimes, long minNanos) {
        double best = Double.POSITIVE_INFINITY;
        long start = System.nanoTime();
        for (int i = 0; i < minTimes || System.nanoTime() - start < minNanos; i++) {
            best = Math.min(best, timeMs.getAsDouble());
        }
        return best;
    }
}
