package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.core.engine.Scalars;
import org.gantry.core.model.GanModel;
import org.gantry.core.nn.Architectures;

/**
 * The variational auto-encoder (Kingma & Welling 2014), the baseline of the WAE paper. The encoder
 * gives each example a Gaussian q(z|x) = N(μ, diag σ²) (its outputs are μ, then log σ²); a code
 * drawn by reparameterisation z = μ + σ·ε is decoded by g, and the pair minimises the negative
 * evidence lower bound c(x, G(z)) + β KL(q(z|x) ‖ N(0, I)), with the KL in closed form
 * ½ Σ (σ² + μ² − 1 − log σ²). With the squared error as c ({@link ReconstructionCost}, pixels)
 * this is the log-likelihood of a Gaussian decoder of variance ½ up to a constant; β =
 * game.kl_weight. No critic unless game.adversarial_weight asks for DeePSiM's image-space term.
 */
final class VariationalAutoEncoderGame extends AutoEncoderGame {
    private final double klWeight;
    private final int codeSize;

    VariationalAutoEncoderGame(double klWeight, int codeSize, ReconstructionCost cost) {
        super(cost);
        this.klWeight = klWeight;
        this.codeSize = codeSize;
    }

    static void check(Config config) {
        requireNormalPrior(config, "measures its codes' KL divergence from N(0, I)");
    }

    @Override
    int encoderOutputs(Config config) {
        return 2 * config.get(Architectures.Z_DIM);
    }

    /** The mean of each example's Gaussian code. */
    @Override
    public NDArray encode(GanModel model, NDArray examples, boolean training) {
        return mean(encoderOutput(model, examples, training));
    }

    /** A code drawn from each example's Gaussian, z = μ + σ·ε, as the generator side trains on. */
    @Override
    NDArray reconstructionCode(Play play, NDArray x) {
        NDArray out = encoderOutput(play.model(), x, true);
        return draw(play, mean(out), logVariance(out));
    }

    @Override
    public Objective generatorObjective(Play play) {
        NDArray x = play.real();
        NDArray out = encoderOutput(play.model(), x, true);
        NDArray mean = mean(out);
        NDArray logVariance = logVariance(out);
        NDArray z = draw(play, mean, logVariance);
        Map<String, NDArray> terms = new LinkedHashMap<>();
        NDArray reconstruction = reconstruction(play, x, z, terms);
        NDArray kl = klDivergence(mean, logVariance);
        terms.put("kl", kl);
        return new Objective(reconstruction.add(Scalars.times(kl, klWeight)), terms);
    }

    /** KL(N(μ, diag e^v) ‖ N(0, I)) per example, averaged over the batch: ½ Σ (e^v + μ² − 1 − v). */
    static NDArray klDivergence(NDArray mean, NDArray logVariance) {
        NDArray perValue = logVariance.exp().add(mean.square()).sub(logVariance);
        NDArray perExample = Scalars.plus(perValue, -1).sum(new int[] {1});
        return Scalars.times(perExample, 0.5).mean();
    }

    private NDArray mean(NDArray encoderOutput) {
        return encoderOutput.get(new NDIndex(":, :" + codeSize));
    }

    private NDArray logVariance(NDArray encoderOutput) {
        return encoderOutput.get(new NDIndex(":, " + codeSize + ":"));
    }

    /** Reparameterisation: μ + exp(v / 2)·ε with ε from the play's noise stream. */
    private static NDArray draw(Play play, NDArray mean, NDArray logVariance) {
        float[] eps = new float[Math.toIntExact(mean.size())];
        play.noise().fillGaussian(eps);
        NDArray noise = mean.getManager().create(eps, mean.getShape());
        return mean.add(Scalars.times(logVariance, 0.5).exp().mul(noise));
    }
}
