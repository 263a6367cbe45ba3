package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.core.engine.Scalars;
import org.gantry.core.model.CriticInput;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.NetworkSpec;
import org.gantry.core.nn.Architectures;

/**
 * WAE-MMD (Tolstikhin, Bousquet, Gelly, Schölkopf 2018): a deterministic encoder and the decoder g
 * minimise c(x, G(E(x))) + λ MMD²(Q_Z, P_Z), the codes' distribution pulled to the prior by the
 * unbiased inverse-multiquadratic MMD against the round's latent batch, which is a draw from the
 * prior. Unlike the VAE, only the aggregate of the codes must match the prior, so each example
 * keeps a code of its own. λ = game.latent_weight. No critic: the model has no d.
 */
final class MmdAutoEncoderGame implements Game {
    private final double weight;
    private final InverseMultiquadraticMmd mmd;
    private final ReconstructionCost cost;

    MmdAutoEncoderGame(double weight, InverseMultiquadraticMmd mmd, ReconstructionCost cost) {
        this.weight = weight;
        this.mmd = mmd;
        this.cost = cost;
    }

    static MmdAutoEncoderGame of(Config config, double weight) {
        return new MmdAutoEncoderGame(weight, InverseMultiquadraticMmd.forPrior(config.get(Architectures.Z_DIM),
                AutoEncoding.priorVariance(config)), ReconstructionCost.of(config));
    }

    @Override
    public List<NetworkSpec> extraNetworks(Config config, int[] exampleShape) {
        return List.of(AutoEncoding.encoder(config, exampleShape, config.get(Architectures.Z_DIM)));
    }

    @Override
    public List<String> critics() {
        return List.of();
    }

    @Override
    public List<String> generatorSide() {
        return AutoEncoding.GENERATOR_SIDE;
    }

    @Override
    public CriticInput criticInput() {
        return CriticInput.NONE;
    }

    @Override
    public boolean usesLoss() {
        return false;
    }

    @Override
    public boolean playsGeneratedBatch() {
        return false;
    }

    @Override
    public boolean comparesFeatures() {
        return cost.features();
    }

    @Override
    public boolean encodes() {
        return true;
    }

    @Override
    public NDArray encode(GanModel model, NDArray examples, boolean training) {
        return AutoEncoding.encoderOutput(model, examples, training);
    }

    @Override
    public Objective criticObjective(Play play) {
        throw new UnsupportedOperationException("WAE-MMD trains no critic");
    }

    @Override
    public Objective generatorObjective(Play play) {
        NDArray x = play.real();
        NDArray codes = encode(play.model(), x, true);
        Map<String, NDArray> terms = new LinkedHashMap<>();
        NDArray reconstruction = cost.of(play.model(), x, AutoEncoding.decode(play.model(), codes), terms);
        NDArray divergence = mmd.estimate(codes, play.latent());
        terms.put("mmd", divergence);
        return new Objective(reconstruction.add(Scalars.times(divergence, weight)), terms);
    }
}
