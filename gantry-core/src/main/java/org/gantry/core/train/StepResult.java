package org.gantry.core.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one training step reports: named values in the order the step produced them. Every step
 * has g_loss (the generator side's loss) and, unless its game trains no critic (VAE, WAE-MMD),
 * d_loss (the last discriminator step's loss, its regulariser's penalty included); the dynamics,
 * game, loss and regulariser add their terms, e.g. d_loss_real, d_loss_fake, d_penalty, g_penalty,
 * reconstruction.
 *
 * @param step generator steps done so far (1 after the first)
 */
public record StepResult(long step, Map<String, Double> values) {

    public StepResult {
        if (!values.containsKey("g_loss")) {
            throw new IllegalArgumentException("a step reports g_loss, not only " + values.keySet());
        }
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Whether the step trained a critic, so that it reports d_loss. */
    public boolean hasCritic() {
        return values.containsKey("d_loss");
    }

    /** d_loss; NaN for a step of a game without a critic. */
    public double discriminatorLoss() {
        return values.getOrDefault("d_loss", Double.NaN);
    }

    public double generatorLoss() {
        return values.get("g_loss");
    }

    public boolean finite() {
        return values.values().stream().allMatch(Double::isFinite);
    }
}
