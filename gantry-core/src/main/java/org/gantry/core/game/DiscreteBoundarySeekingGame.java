package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.core.engine.Scalars;
import org.gantry.core.loss.AdversarialLoss;
import org.gantry.core.model.GeneratorOutput;

/**
 * The boundary-seeking GAN for discrete data (Hjelm et al. 2018): the generator outputs the
 * probability of each pixel being white, examples are drawn from it, and nothing is differentiated
 * through the draw. The discriminator learns the ordinary logistic cross-entropy on drawn examples.
 * For each z the generator draws M examples x_m, weighs them by w̃ = softmax_m D(x_m) (D's logit is
 * log w with w = D/(1−D), the importance weight of x_m under the distribution D's optimum implies),
 * held constant, and minimises −Σ_m w̃_m log g(x_m | z), averaged over z: a policy-gradient
 * estimate of the move towards that distribution.
 */
final class DiscreteBoundarySeekingGame implements Game {
    /** Keeps log p and log(1 − p) finite where the generator's tanh saturates. */
    private static final double EDGE = 1e-6;
    private final AdversarialLoss crossEntropy;
    private final int samples;

    /**
     * @param crossEntropy the logistic discriminator loss (non-saturating form; its generator part is unused)
     * @param samples M, the examples drawn per latent vector for the generator's estimate
     */
    DiscreteBoundarySeekingGame(AdversarialLoss crossEntropy, int samples) {
        this.crossEntropy = crossEntropy;
        this.samples = samples;
    }

    /** The refusals that no single key can express. */
    static void check(Config config) {
        Games.requireUnpacked(config, "weighs each drawn example by its own logit");
    }

    @Override
    public boolean usesLoss() {
        return false;
    }

    @Override
    public GeneratorOutput generatorOutput() {
        return GeneratorOutput.BERNOULLI_PIXELS;
    }

    @Override
    public Objective criticObjective(Play play) {
        NDArray[] d = play.onRealAndFake("d");
        return Objective.ofRealAndFake(crossEntropy.realTerm(d[0]), crossEntropy.fakeTerm(d[1]));
    }

    @Override
    public Objective generatorObjective(Play play) {
        NDArray output = play.generatorOutput();
        long batch = output.getShape().get(0);
        // M copies of each output, [batch·M, ...]: row b·M + m is draw m of latent vector b.
        NDArray repeated = output.expandDims(1).repeat(1, samples).reshape(stacked(output.getShape(), samples));
        NDArray drawn = GeneratorOutput.BERNOULLI_PIXELS.draw(repeated, play.noise());
        NDArray logits = play.model().discriminator().forward(drawn, true).reshape(batch, samples);
        NDArray weights = logits.stopGradient().softmax(1);
        NDArray logLikelihood = logLikelihood(repeated, drawn).reshape(batch, samples);
        return new Objective(weights.mul(logLikelihood).sum(new int[] {1}).mean().neg(), Map.of());
    }

    /** log g(x | z) per row: the sum over pixels of x log p + (1 − x) log(1 − p), with x in {0, 1}. */
    static NDArray logLikelihood(NDArray output, NDArray drawn) {
        NDArray p = Scalars.times(Scalars.plus(output, 1), 0.5).clip(EDGE, 1 - EDGE);
        NDArray white = Scalars.times(Scalars.plus(drawn, 1), 0.5);
        NDArray black = Scalars.plus(white.neg(), 1);
        NDArray perPixel = white.mul(p.log()).add(black.mul(Scalars.plus(p.neg(), 1).log()));
        return perPixel.reshape(perPixel.getShape().get(0), -1).sum(new int[] {1});
    }

    private static Shape stacked(Shape example, int copies) {
        long[] s = example.getShape().clone();
        s[0] = s[0] * copies;
        return new Shape(s);
    }
}
