package org.gantry.eval;

/**
 * One value a metric reports, with what a reader and a run need to know about it.
 *
 * @param name its key in {@code metrics.jsonl} and {@code summary.json}
 * @param higherIsBetter whether a larger value is better (else smaller is)
 * @param picksBest whether {@code eval.best=auto} may choose it to keep the best checkpoint
 * @param spread whether it is the spread of another value (a standard deviation over blocks or
 *     splits) rather than a result in its own right
 */
public record MetricValue(String name, boolean higherIsBetter, boolean picksBest, boolean spread) {

    /** A result that is better smaller. */
    public static MetricValue lower(String name) {
        return new MetricValue(name, false, false, false);
    }

    /** A result that is better larger. */
    public static MetricValue higher(String name) {
        return new MetricValue(name, true, false, false);
    }

    /** The spread of another value: reported, never a result of its own. */
    public static MetricValue spreadOf(String name) {
        return new MetricValue(name, false, false, true);
    }

    /** This value, as the one that picks the best checkpoint when its metric runs. */
    public MetricValue pickingBest() {
        return new MetricValue(name, higherIsBetter, true, spread);
    }
}
