package org.gantry.core.train;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scalar loss a player minimises, with the named terms it is the sum of, so that a step can report
 * each term (d_loss_real, d_loss_fake, d_penalty, ...) beside the total.
 */
record Objective(NDArray total, Map<String, NDArray> terms) {

    /** The total under {@code name}, then every term, as numbers, in a new ordered map. */
    Map<String, Double> report(String name) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(name, (double) total.getFloat());
        terms.forEach((term, value) -> values.put(term, (double) value.getFloat()));
        return values;
    }
}
