package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.core.engine.Scalars;
import org.gantry.core.nn.Architectures;

/**
 * WAE-MMD (Tolstikhin, Bousquet, Gelly, Schölkopf 2018): a deterministic encoder and the decoder g
 * minimise c(x, G(E(x))) + λ MMD²(Q_Z, P_Z), the codes' distribution pulled to the prior by the
 * unbiased inverse-multiquadratic MMD against the round's latent batch, which is a draw from the
 * prior. Unlike the VAE, only the aggregate of the codes must match the prior, so each example
 * keeps a code of its own. λ = game.latent_weight. No critic unless game.adversarial_weight asks for DeePSiM's image-space term.
 */
final class MmdAutoEncoderGame extends AutoEncoderGame {
    private final double weight;
    private final InverseMultiquadraticMmd mmd;

    MmdAutoEncoderGame(double weight, InverseMultiquadraticMmd mmd, ReconstructionCost cost) {
        super(cost);
        this.weight = weight;
        this.mmd = mmd;
    }

    static MmdAutoEncoderGame of(Config config, double weight) {
        return new MmdAutoEncoderGame(weight, InverseMultiquadraticMmd.forPrior(config.get(Architectures.Z_DIM),
                priorVariance(config)), ReconstructionCost.of(config));
    }

    @Override
    int encoderOutputs(Config config) {
        return config.get(Architectures.Z_DIM);
    }

    @Override
    public Objective generatorObjective(Play play) {
        NDArray x = play.real();
        NDArray codes = encode(play.model(), x, true);
        Map<String, NDArray> terms = new LinkedHashMap<>();
        NDArray reconstruction = reconstruction(play, x, codes, terms);
        NDArray divergence = mmd.estimate(codes, play.latent());
        terms.put("mmd", divergence);
        return new Objective(reconstruction.add(Scalars.times(divergence, weight)), terms);
    }
}
