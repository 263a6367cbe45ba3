package org.gantry.core.train;

/**
 * What one training step reports.
 *
 * @param step generator steps done so far (1 after the first)
 * @param discriminatorLoss the last discriminator step's loss
 * @param generatorLoss the generator step's loss
 */
public record StepResult(long step, double discriminatorLoss, double generatorLoss) {

    public boolean finite() {
        return Double.isFinite(discriminatorLoss) && Double.isFinite(generatorLoss);
    }
}
