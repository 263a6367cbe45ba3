package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.engine.Scalars;
import org.gantry.core.loss.AdversarialLoss;
import org.gantry.core.model.CriticInput;
import org.gantry.core.model.Network;
import org.gantry.core.nn.Architectures;

/**
 * WAE-GAN (Tolstikhin et al. 2018): the discriminator d judges latent codes, prior draws (the
 * round's latent batch) as real and the encoder's codes of real examples as fake, on loss.name;
 * the deterministic encoder and the decoder g minimise c(x, G(E(x))) + λ L_G(d(E(x))), so the
 * encoder is the generator of the latent game. λ = game.latent_weight. d is built by d.arch for
 * inputs of g.z_dim values (the WAE paper: an mlp of four 512-unit ReLU layers on MNIST).
 */
final class AdversarialAutoEncoderGame extends AutoEncoderGame {
    private final AdversarialLoss loss;
    private final double weight;

    AdversarialAutoEncoderGame(AdversarialLoss loss, double weight, ReconstructionCost cost) {
        super(cost);
        this.loss = loss;
        this.weight = weight;
    }

    static void check(Config config) {
        Games.requireUnpacked(config, "judges each code on its own");
        double adversarial = config.get(ReconstructionCost.ADVERSARIAL_WEIGHT);
        if (adversarial > 0) {
            throw new ConfigException(ReconstructionCost.ADVERSARIAL_WEIGHT.key() + "=" + adversarial + " needs d to "
                    + "judge reconstructed examples, and " + Games.NAME.key() + "=wae_gan's d judges latent codes: "
                    + "use game.name=vae or wae_mmd");
        }
        String arch = config.get(Architectures.D_ARCH);
        if (!List.of("mlp", "maxout", "linear").contains(arch)) {
            throw new ConfigException(Games.NAME.key() + "=" + config.get(Games.NAME) + " has d judge latent codes of "
                    + Architectures.Z_DIM.key() + "=" + config.get(Architectures.Z_DIM) + " values, and "
                    + Architectures.D_ARCH.key() + "=" + arch + " is not one of the discriminators of vectors: use mlp, "
                    + "maxout or linear");
        }
    }

    @Override
    int encoderOutputs(Config config) {
        return config.get(Architectures.Z_DIM);
    }

    @Override
    public List<String> critics() {
        return List.of("d");
    }

    @Override
    public CriticInput criticInput() {
        return CriticInput.CODES;
    }

    @Override
    public boolean usesLoss() {
        return true;
    }

    @Override
    public Objective criticObjective(Play play) {
        // The codes are the critic's "generated" side; no gradient of this step may reach the encoder, and
        // with its parameters untracked no graph through it is built either.
        Network encoder = play.model().network(ENCODER);
        NDArray codes;
        encoder.setTracking(false);
        try {
            codes = encode(play.model(), play.real(), true).stopGradient();
        } finally {
            encoder.setTracking(true);
        }
        NDArray realTerm = loss.realTerm(play.model().discriminator().forward(play.latent(), true));
        return Objective.ofRealAndFake(realTerm, loss.fakeTerm(play.model().discriminator().forward(codes, true)));
    }

    @Override
    public Objective generatorObjective(Play play) {
        NDArray x = play.real();
        NDArray codes = encode(play.model(), x, true);
        Map<String, NDArray> terms = new LinkedHashMap<>();
        NDArray reconstruction = reconstruction(play, x, codes, terms);
        NDArray adversarial = loss.generatorLoss(play.model().discriminator().forward(codes, true));
        terms.put("adversarial", adversarial);
        return new Objective(reconstruction.add(Scalars.times(adversarial, weight)), terms);
    }
}
