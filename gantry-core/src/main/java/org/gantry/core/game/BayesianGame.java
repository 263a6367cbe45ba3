package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gantry.config.Config;
import org.gantry.core.engine.Scalars;
import org.gantry.core.loss.AdversarialLoss;
import org.gantry.core.nn.layer.ComponentRouting;

/**
 * The Bayesian GAN (Saatci &amp; Wilson 2017): J_g samples of the generator's parameters and J_d of
 * the discriminator's, held side by side in g and d. Each generator sample's potential is its
 * generated rows' loss.name generator loss averaged over the discriminator samples, and each
 * discriminator sample's is its loss.name objective on the real batch and on the rows of every
 * generator sample (its fake term averaged over the samples, each judged in a pass of its own);
 * with g.optimizer=sghmc and d.optimizer=sghmc (stochastic-gradient Hamiltonian
 * Monte Carlo, a Gaussian prior of {@code .prior_std} on every parameter, the batch means weighted
 * by {@code .posterior_scale}, the data set's size for the posterior of the whole data) the samples
 * are chains on the conditional posteriors p(θ_g | z, θ_d) and p(θ_d | z, X, θ_g). Samples of
 * the model come from the mixture over the generator samples, each equally likely. The paper's
 * further Monte-Carlo samples per iteration (M) are not kept: each sample is one chain.
 */
final class BayesianGame implements Game {
    private final AdversarialLoss loss;
    private final int generatorSamples;
    private final int criticSamples;
    private final int noise;

    /** Refuses packing (each generated row's loss is read for its own sample) and data-initialised norms. */
    static void check(Config config) {
        Games.requireUnpacked(config, "judges each generated example for the generator sample that made it");
        if (config.get(Games.GENERATOR_SAMPLES) > 1 || config.get(Games.CRITIC_SAMPLES) > 1) {
            Games.requireNormsWithoutDataInitialisation(config, "holds its parameter samples side by side");
        }
    }

    BayesianGame(AdversarialLoss loss, int generatorSamples, int criticSamples, int noise) {
        this.loss = loss;
        this.generatorSamples = generatorSamples;
        this.criticSamples = criticSamples;
        this.noise = noise;
    }

    @Override
    public int components() {
        return generatorSamples;
    }

    @Override
    public List<Integer> categoricalCodes() {
        return generatorSamples == 1 ? List.of() : List.of(generatorSamples);
    }

    @Override
    public int criticMembers() {
        return criticSamples;
    }

    @Override
    public int criticOutputs(int classes) {
        return criticSamples;
    }

    /**
     * d's outputs on each generator sample's rows, each judged in a pass of its own so that d's batch
     * statistics (batch norm) never couple one sample's potential to another's rows, as the paper's
     * code runs its discriminator once per generator sample.
     */
    private NDArray[] onEachSample(Play play) {
        if (generatorSamples == 1) {
            return new NDArray[] {play.onFake("d")};
        }
        long[] sample = ComponentRouting.components(play.latent().get(":, " + noise + ":" + (noise + generatorSamples)));
        NDArray[] out = new NDArray[generatorSamples];
        for (int j = 0; j < generatorSamples; j++) {
            if (ComponentRouting.has(sample, j)) {
                out[j] = play.model().network("d").forward(ComponentRouting.rowsOf(play.fake(), sample, j), true);
            }
        }
        return out;
    }

    @Override
    public Objective criticObjective(Play play) {
        NDArray onReal = play.onReal("d");
        NDArray[] onFake = onEachSample(play);
        long judged = java.util.Arrays.stream(onFake).filter(java.util.Objects::nonNull).count();
        NDArray realTerm = null;
        NDArray fakeTerm = null;
        for (int l = 0; l < criticSamples; l++) {
            realTerm = plus(realTerm, loss.realTerm(column(onReal, l)));
            // Each discriminator sample's fake term: the mean of its terms on each generator sample's rows.
            NDArray overSamples = null;
            for (NDArray mine : onFake) {
                if (mine != null) {
                    overSamples = plus(overSamples, loss.fakeTerm(column(mine, l)));
                }
            }
            fakeTerm = plus(fakeTerm, judged == 1 ? overSamples : Scalars.times(overSamples, 1.0 / judged));
        }
        return Objective.ofRealAndFake(realTerm, fakeTerm);
    }

    @Override
    public Objective generatorObjective(Play play) {
        NDArray total = null;
        for (NDArray mine : onEachSample(play)) {
            if (mine == null) {
                continue;
            }
            NDArray overCritics = null;
            for (int l = 0; l < criticSamples; l++) {
                overCritics = plus(overCritics, loss.generatorLoss(column(mine, l)));
            }
            total = plus(total, criticSamples == 1 ? overCritics : Scalars.times(overCritics, 1.0 / criticSamples));
        }
        return Objective.of(total);
    }

    private NDArray column(NDArray logits, int l) {
        return criticSamples == 1 ? logits : logits.get(":, " + l + ":" + (l + 1));
    }

    private static NDArray plus(NDArray sum, NDArray term) {
        return sum == null ? term : sum.add(term);
    }
}
