package org.gantry.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.gantry.core.game.Objective;

/**
 * The usual GAN dynamics: train.d_steps discriminator steps, each on fresh batches, then one
 * generator step, each player through its own optimizer. Every step runs inside its own
 * NDManager, so every array it creates is freed when it ends.
 */
class AlternatingUpdates implements TrainingDynamics {

    @Override
    public Map<String, Double> step(Players p, StepInputs in, long step) {
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        // A game without critics (VAE, WAE-MMD) is its generator side's objective alone.
        for (int k = 0; k < p.dSteps() && !p.criticSide().isEmpty(); k++) {
            values = discriminatorStep(p, in, z -> p.generator().forward(z, true));
        }
        generatorStep(p, in, values);
        return values;
    }

    /**
     * One update of the critics against the batch {@code generate} makes from a fresh latent batch.
     * It is made outside the gradient collector, where autograd is off, so it carries no graph back to G.
     *
     * @return d_loss and its terms
     */
    static Map<String, Double> discriminatorStep(Players p, StepInputs in, UnaryOperator<NDArray> generate) {
        try (NDManager m = p.manager().newSubManager()) {
            NDArray real = in.real(m);
            NDArray latent = in.latent(m);
            NDArray fake = p.game().playsGeneratedBatch() ? generate.apply(latent) : null;
            Map<String, Double> values;
            if (p.game().solvesCritic()) {
                return p.game().solveCritic(p.play(latent, fake, () -> real, in));
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                Objective l = p.criticObjective(p.play(latent, fake, () -> real, in));
                collector.backward(l.total());
                values = l.report("d_loss");
            }
            p.updateCritics();
            return values;
        }
    }

    /** One generator update; puts g_loss and its terms (and g_penalty, when there is one) in {@code values}. */
    private void generatorStep(Players p, StepInputs in, Map<String, Double> values) {
        boolean tracked = discriminatorGradientsNeeded();
        // Usually gradients reach G only through the critics' input; their weight gradients are not needed.
        p.setCriticTracking(tracked);
        try (NDManager m = p.manager().newSubManager()) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray latent = in.latent(m);
                NDArray fake = p.game().playsGeneratedBatch() ? p.generator().forward(latent, true) : null;
                Objective l = p.generatorObjective(p.play(latent, fake, () -> in.real(m), in));
                NDArray penalty = generatorPenalty(p, in, m, latent, fake);
                collector.backward(penalty == null ? l.total() : l.total().add(penalty));
                values.putAll(l.report("g_loss"));
                if (penalty != null) {
                    values.put("g_penalty", (double) penalty.getFloat());
                }
            }
            p.updateGenerators();
            if (tracked) {
                p.clearCriticGradients();
            }
        } finally {
            p.setCriticTracking(true);
        }
    }

    /** Whether {@link #generatorPenalty} differentiates through D's parameters. */
    protected boolean discriminatorGradientsNeeded() {
        return false;
    }

    /** A term added to the generator's loss inside its gradient scope, or null. */
    protected NDArray generatorPenalty(Players p, StepInputs in, NDManager m, NDArray latent, NDArray fake) {
        return null;
    }
}
