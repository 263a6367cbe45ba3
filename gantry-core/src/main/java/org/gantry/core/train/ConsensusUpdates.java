package org.gantry.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.gantry.core.engine.Scalars;

/**
 * Consensus optimisation (Mescheder, Nowozin, Geiger 2017, "The Numerics of GANs"): with
 * {@code v = (∇_θ L_G, ∇_ψ L_D)} and {@code L = ½‖v‖²}, both players step at once along
 * {@code v + γ∇L}, each through its own optimizer (the paper: RMSProp). The gradient handed to
 * the optimizers is that of the surrogate {@code γL + ⟨θ, sg(v_θ)⟩ + ⟨ψ, sg(v_ψ)⟩}, where sg
 * stops gradients: one backward gives each block exactly its part of {@code v + γ∇L}.
 */
final class ConsensusUpdates implements TrainingDynamics {
    private final double gamma;

    ConsensusUpdates(double gamma) {
        this.gamma = gamma;
    }

    @Override
    public boolean simultaneous() {
        return true;
    }

    @Override
    public Map<String, Double> step(Players p, StepInputs in, long step) {
        JointGradients v;
        try (NDManager m = p.manager().newSubManager()) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                v = JointGradients.compute(p, in, m, true);
                NDArray surrogate = Scalars.times(SquaredNorm.of(concat(v.generator(), v.discriminator())), gamma / 2);
                surrogate = surrogate.add(linear(p.generator().trainableArrays(), v.generator()))
                        .add(linear(p.criticArrays(), v.discriminator()));
                collector.backward(surrogate);
            }
            p.updateCritics();
            p.generator().update();
        }
        return v.values();
    }

    /** Σ ⟨wᵢ, sg(gᵢ)⟩: a term whose gradient with respect to each wᵢ is gᵢ. */
    private static NDArray linear(List<NDArray> weights, NDList gradients) {
        NDArray total = null;
        for (int i = 0; i < weights.size(); i++) {
            // The gradient comes first: an op's result belongs to its first operand's manager, and
            // the weight's is the model's, which would keep the result alive past the step.
            NDArray t = gradients.get(i).stopGradient().mul(weights.get(i)).sum();
            total = total == null ? t : total.add(t);
        }
        return total;
    }

    private static NDList concat(NDList a, NDList b) {
        NDList all = new NDList(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
