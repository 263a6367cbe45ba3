package org.gantry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Median, fastest and slowest of a few wall times of one piece of work, in milliseconds. With three
 * to five repeats a quartile range means little; the minimum and maximum show the spread.
 */
record WallTimes(double medianMs, double minMs, double maxMs, int count) {

    /** A value computed by the timed work (from its last repeat) and the wall times of all repeats. */
    record Timed<T>(T value, WallTimes times) {}

    static WallTimes of(List<Double> millis) {
        double[] v = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return new WallTimes(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new WallTimes(Quartiles.quantile(v, 0.5), v[0], v[v.length - 1], v.length);
    }

    /** Runs {@code work} {@code repeats} times, timing each run on its own. */
    static <T> Timed<T> repeat(int repeats, Supplier<T> work) {
        return repeat(repeats, () -> null, ignored -> work.get());
    }

    /**
     * Runs {@code work} {@code repeats} times on fresh input from {@code setup}, timing only
     * {@code work}: for work that leaves a cache in its input (a square root kept in statistics).
     */
    static <S, T> Timed<T> repeat(int repeats, Supplier<S> setup, Function<S, T> work) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        }
        List<Double> millis = new ArrayList<>(repeats);
        T value = null;
        for (int r = 0; r < repeats; r++) {
            S input = setup.get();
            long start = System.nanoTime();
            value = work.apply(input);
            millis.add((System.nanoTime() - start) / 1e6);
        }
        return new Timed<>(value, of(millis));
    }

    /** Items per second at the median time. */
    double perSecond(int items) {
        return items / (medianMs / 1000);
    }
}
