package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.engine.Scalars;
import org.gantry.core.engine.TorchEngine;
import org.gantry.core.model.Network;
import org.gantry.core.nn.Architectures;
import org.gantry.core.nn.Normalisation;

/**
 * The dualing GAN with a linear discriminator (Li et al. 2017): the discriminator's problem,
 * L2-regularised logistic regression of real against generated examples, is convex, so instead of
 * a gradient step each round solves it exactly — its dual, a concave problem over one variable per
 * example, has the same optimum ({@link LogisticDual}; the report's duality_gap shows it is 0) —
 * and writes the optimal w and b into d. The game's value is then −P*(G), the negated optimal
 * primal, and the generator descends it along Danskin's gradient: the generated examples' terms at
 * the optimal critic, −(1/n) Σ softplus(d(G(z))). Min-max becomes minimisation of one function
 * of G, which is why the dualised game converges on toys where gradient play with the same linear
 * critic circles. Any other d is met by the paper's approximation for non-linear critics: each
 * round takes the step that solves the dual of a trust-region subproblem around d's current
 * parameters ({@link TrustRegionCritic}), and the generator descends the same objective at the
 * moved critic.
 */
final class DualingGame implements Game {
    private final double lambda;
    private final boolean linear;

    /** @param linear whether d is linear (d.arch=linear): solved exactly, otherwise by trust-region steps */
    DualingGame(double lambda, boolean linear) {
        this.lambda = lambda;
        this.linear = linear;
    }

    /** The refusals that no single key can express. */
    static void check(Config config) {
        String norm = config.get(Normalisation.D_NORM);
        if (linear(config) && !norm.equals("auto") && !norm.equals("none")) {
            throw new ConfigException("game.name=dualing sets d's weight to the solved w, and d.norm=" + norm
                    + " reparameterises it: leave d.norm unset");
        }
        Games.requireUnpacked(config, "solves logistic regression on single examples");
    }

    static boolean linear(Config config) {
        return config.get(Architectures.D_ARCH).equals("linear");
    }

    @Override
    public boolean usesLoss() {
        return false;
    }

    @Override
    public boolean solvesCritic() {
        return true;
    }

    @Override
    public Map<String, Double> solveCritic(Play play) {
        Network d = play.model().discriminator();
        if (!linear) {
            return TrustRegionCritic.step(d, play.real(), play.fake(), lambda);
        }
        NDArray real = play.real();
        NDArray fake = play.fake();
        int realCount = Math.toIntExact(real.getShape().get(0));
        int fakeCount = Math.toIntExact(fake.getShape().get(0));
        int dim = Math.toIntExact(real.size() / realCount);
        Parameter weight = parameter(d, "weight");
        Parameter bias = parameter(d, "bias");
        double[] start = new double[dim + 1];
        float[] w0 = weight.getArray().toFloatArray();
        for (int j = 0; j < dim; j++) {
            start[j] = w0[j];
        }
        start[dim] = bias.getArray().toFloatArray()[0];
        LogisticDual.Solution s = LogisticDual.solve(real.toFloatArray(), realCount, fake.toFloatArray(), fakeCount,
                dim, lambda, start);
        float[] w = new float[dim];
        for (int j = 0; j < dim; j++) {
            w[j] = (float) s.weights()[j];
        }
        try (NDManager m = d.manager().newSubManager()) {
            TorchEngine.assign(weight.getArray(), m.create(w, new Shape(1, dim)));
            TorchEngine.assign(bias.getArray(), m.create(new float[] {(float) s.weights()[dim]}, new Shape(1)));
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("d_loss", s.primal());
        values.put("d_loss_real", s.realTerm());
        values.put("d_loss_fake", s.fakeTerm());
        values.put("d_regulariser", s.regulariser());
        values.put("duality_gap", s.primal() - s.dual());
        return values;
    }

    private static Parameter parameter(Network d, String name) {
        return d.parameters().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow(
                () -> new IllegalStateException("the linear discriminator has no parameter '" + name + "'"));
    }

    @Override
    public Objective criticObjective(Play play) {
        throw new UnsupportedOperationException("game.name=dualing solves its critic; it has no objective to descend");
    }

    /**
     * −P at the solved critic as a function of the generated batch: −(1/n) Σ softplus(d(G(z))), with
     * n the real and generated examples of the critic's problem (twice the batch).
     */
    @Override
    public Objective generatorObjective(Play play) {
        NDArray logits = play.onFake("d");
        return Objective.of(Scalars.times(Activation.softPlus(logits).mean(), -0.5));
    }
}
