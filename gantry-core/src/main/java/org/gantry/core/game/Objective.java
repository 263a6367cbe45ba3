package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scalar loss a player minimises, with the named terms it is the sum of, so that a step can report
 * each term (d_loss_real, d_loss_fake, d_penalty, ...) beside the total.
 */
public record Objective(NDArray total, Map<String, NDArray> terms) {

    /** The total under {@code name}, then every term, as numbers, in a new ordered map. */
    /** An objective that is its own only term. */
    public static Objective of(NDArray total) {
        return new Objective(total, Map.of());
    }

    /** A critic side's objective as the sum of a term on the real batch and a term on the generated one. */
    public static Objective ofRealAndFake(NDArray realTerm, NDArray fakeTerm) {
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put("d_loss_real", realTerm);
        terms.put("d_loss_fake", fakeTerm);
        return new Objective(realTerm.add(fakeTerm), terms);
    }

    public Map<String, Double> report(String name) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(name, (double) total.getFloat());
        terms.forEach((term, value) -> values.put(term, (double) value.getFloat()));
        return values;
    }
}
