package org.gantry.core.train;

/** Stops a run at the first non-finite loss, before anything from that step is saved. */
public final class DivergenceCheck implements TrainingListener {
    @Override
    public void onStep(StepResult r) {
        if (!r.finite()) {
            throw new DivergenceException("training diverged at step " + r.step() + ": "
                    + (r.hasCritic() ? "discriminator loss " + r.discriminatorLoss() + ", " : "") + "generator loss "
                    + r.generatorLoss()
                    + " (try a lower learning rate, another loss or a regulariser)");
        }
    }
}
