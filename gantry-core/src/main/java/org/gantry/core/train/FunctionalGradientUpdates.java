package org.gantry.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.gantry.core.engine.Scalars;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.model.Network;

/**
 * Functional gradient layers (Nitanda & Suzuki 2018, "Gradient layer: enhancing the convergence of
 * adversarial training for generative models"): generated samples pass through {@code layers}
 * steps {@code x ← x + η∇ₓD(x)} along the discriminator's output, which for the logistic losses is
 * log(D/(1−D)) — a discretised gradient flow in function space. The discriminator trains against
 * the moved samples; every {@code distilEvery} steps the generator is regressed onto them
 * ({@code distilSteps} optimizer steps on ½‖G(z) − sg(x_T)‖², averaged over the batch), which folds
 * the layers back into its parameters. The generator that is evaluated and saved is G alone.
 */
final class FunctionalGradientUpdates implements TrainingDynamics {
    private final int layers;
    private final float layerStep;
    private final int distilEvery;
    private final int distilSteps;
    /** Reported between distillations; only for display, so a resume may start it at 0. */
    private double lastDistilLoss;

    FunctionalGradientUpdates(int layers, double layerStep, int distilEvery, int distilSteps) {
        this.layers = layers;
        this.layerStep = (float) layerStep;
        this.distilEvery = distilEvery;
        this.distilSteps = distilSteps;
    }

    /** The generator only regresses onto moved samples. */
    @Override
    public boolean usesGeneratorObjective() {
        return false;
    }

    /** Samples move along one critic's input gradient. */
    @Override
    public boolean needsOneCritic() {
        return true;
    }

    @Override
    public Map<String, Double> step(Players p, StepInputs in, long step) {
        Map<String, Double> values = null;
        for (int k = 0; k < p.dSteps(); k++) {
            values = AlternatingUpdates.discriminatorStep(p, in,
                    z -> moved(p.discriminator(), p.generator().forward(z, true)));
        }
        if ((step + 1) % distilEvery == 0) {
            for (int k = 0; k < distilSteps; k++) {
                lastDistilLoss = distil(p, in);
            }
        }
        // The generator has no adversarial loss here: its loss is its last distillation's.
        values.put("g_loss", lastDistilLoss);
        return values;
    }

    /** The samples after the gradient layers, without graph, in {@code x}'s manager. */
    NDArray moved(Network d, NDArray x) {
        for (int t = 0; t < layers; t++) {
            NDArray point = x.stopGradient();
            point.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                // Inference mode: moving samples must not advance D's batch-norm or spectral-norm state.
                NDArray g = TorchEngine.gradients(d.forward(point, false), List.of(point), false).singletonOrThrow();
                x = point.stopGradient().add(Scalars.times(g, layerStep));
            }
        }
        return x.stopGradient();
    }

    /**
     * One generator step on ½‖G(z) − sg(x_T)‖² / B; returns that loss before the step. G runs twice
     * (once for the target, once with graph): running it once would update batch-norm statistics
     * one time fewer and so change every measured functional-gradient trial; left for a re-measure.
     */
    double distil(Players p, StepInputs in) {
        Network g = p.generator();
        try (NDManager m = p.manager().newSubManager()) {
            NDArray z = in.latent(m);
            NDArray target = moved(p.discriminator(), g.forward(z, true));
            double value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = g.forward(z, true);
                long batch = out.getShape().get(0);
                NDArray l = Scalars.dividedBy(out.sub(target).square().sum(), 2.0 * batch);
                collector.backward(l);
                value = l.getFloat();
            }
            g.update();
            return value;
        }
    }
}
