package org.gantry.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.function.Function;
import org.gantry.core.model.Network;

/**
 * The usual GAN dynamics: train.d_steps discriminator steps, each on fresh batches, then one
 * generator step, each player through its own optimizer. Every step runs inside its own
 * NDManager, so every array it creates is freed when it ends.
 */
class AlternatingUpdates implements TrainingDynamics {

    @Override
    public Map<String, Double> step(Players p, StepInputs in, long step) {
        Map<String, Double> values = null;
        for (int k = 0; k < p.dSteps(); k++) {
            values = discriminatorStep(p, in, m -> p.generator().forward(in.latent(m), true));
        }
        generatorStep(p, in, values);
        return values;
    }

    /**
     * One discriminator update against the generated batch {@code fakes} makes. It is made outside
     * the gradient collector, where autograd is off, so it carries no graph back to G.
     *
     * @return d_loss and its terms
     */
    static Map<String, Double> discriminatorStep(Players p, StepInputs in, Function<NDManager, NDArray> fakes) {
        Network d = p.discriminator();
        try (NDManager m = p.model().manager().newSubManager()) {
            NDArray real = in.real(m);
            NDArray fake = fakes.apply(m);
            Map<String, Double> values;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                Objective l = p.discriminatorLoss(d.forward(real, true), d.forward(fake, true), real, fake, in);
                collector.backward(l.total());
                values = l.report("d_loss");
            }
            d.update();
            p.regulariser().afterDiscriminatorUpdate(d.parameters());
            return values;
        }
    }

    /** One generator update; puts g_loss (and g_penalty, when there is one) in {@code values}. */
    private void generatorStep(Players p, StepInputs in, Map<String, Double> values) {
        Network d = p.discriminator();
        boolean tracked = discriminatorGradientsNeeded();
        // Usually gradients reach G only through D's input; D's own weight gradients are not needed.
        d.setTracking(tracked);
        try (NDManager m = p.model().manager().newSubManager()) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray fake = p.generator().forward(in.latent(m), true);
                NDArray l = p.generatorLoss(fake, null, () -> in.real(m));
                NDArray penalty = generatorPenalty(p, in, m, fake);
                collector.backward(penalty == null ? l : l.add(penalty));
                values.put("g_loss", (double) l.getFloat());
                if (penalty != null) {
                    values.put("g_penalty", (double) penalty.getFloat());
                }
            }
            p.generator().update();
            if (tracked) {
                d.zeroGradients();
            }
        } finally {
            d.setTracking(true);
        }
    }

    /** Whether {@link #generatorPenalty} differentiates through D's parameters. */
    protected boolean discriminatorGradientsNeeded() {
        return false;
    }

    /** A term added to the generator's loss inside its gradient scope, or null. */
    protected NDArray generatorPenalty(Players p, StepInputs in, NDManager m, NDArray fake) {
        return null;
    }
}
