package org.gantry.core.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one training step reports: named values in the order the step produced them. Every step
 * has d_loss (the last discriminator step's loss, its regulariser's penalty included) and g_loss
 * (the generator's); the dynamics, loss and regulariser add their terms, e.g. d_loss_real,
 * d_loss_fake, d_penalty, g_penalty.
 *
 * @param step generator steps done so far (1 after the first)
 */
public record StepResult(long step, Map<String, Double> values) {

    public StepResult {
        if (!values.containsKey("d_loss") || !values.containsKey("g_loss")) {
            throw new IllegalArgumentException("a step reports d_loss and g_loss, not only " + values.keySet());
        }
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public double discriminatorLoss() {
        return values.get("d_loss");
    }

    public double generatorLoss() {
        return values.get("g_loss");
    }

    public boolean finite() {
        return values.values().stream().allMatch(Double::isFinite);
    }
}
