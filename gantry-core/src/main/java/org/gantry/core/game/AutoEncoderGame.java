package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.model.CriticInput;
import org.gantry.core.model.GanModel;
import org.gantry.core.model.NetworkSpec;
import org.gantry.core.nn.Architectures;
import org.gantry.core.nn.Encoders;
import org.gantry.core.optim.OptimizerSettings;

/**
 * What the auto-encoding games share: the encoder {@code e}, which mirrors the generator (the
 * decoder g), trains with it on the generator side and has its own optimizer keys {@code e.*},
 * following g's when unset; the reconstruction cost of real examples; and no generated batch,
 * since every objective decodes codes of real examples. No critic either, so the model has no d,
 * unless the cost has DeePSiM's adversarial term (a critic of examples against reconstructions) or
 * the game a latent critic.
 */
abstract class AutoEncoderGame implements Game {
    static final String ENCODER = "e";
    static final OptimizerSettings ENCODER_OPTIMIZER = OptimizerSettings.inheriting(ENCODER, "encoder",
            OptimizerSettings.GENERATOR);
    private static final List<String> GENERATOR_SIDE = List.of("g", ENCODER);

    private final ReconstructionCost cost;

    AutoEncoderGame(ReconstructionCost cost) {
        this.cost = cost;
    }

    /** Values the encoder gives per example: the code, or a distribution's parameters. */
    abstract int encoderOutputs(Config config);

    @Override
    public List<NetworkSpec> extraNetworks(Config config, int[] exampleShape) {
        return List.of(new NetworkSpec(ENCODER, input -> Encoders.mirroring(config).build(input,
                new int[] {encoderOutputs(config)}), exampleShape, 1, ENCODER_OPTIMIZER.create(config)));
    }

    @Override
    public List<String> generatorSide() {
        return GENERATOR_SIDE;
    }

    /** With DeePSiM's adversarial term, d judges real examples against their reconstructions. */
    @Override
    public List<String> critics() {
        return cost.adversarial() ? List.of("d") : List.of();
    }

    @Override
    public CriticInput criticInput() {
        return cost.adversarial() ? CriticInput.EXAMPLES : CriticInput.NONE;
    }

    @Override
    public boolean usesLoss() {
        return cost.adversarial();
    }

    /** Whether d judges reconstructions of examples (DeePSiM's adversarial term), not generated ones. */
    @Override
    public boolean judgesReconstructions() {
        return cost.adversarial();
    }

    @Override
    public boolean playsGeneratedBatch() {
        return false;
    }

    @Override
    public boolean encodes() {
        return true;
    }

    @Override
    public boolean comparesFeatures() {
        return cost.features();
    }

    /** The code of each example: the encoder's output itself, for a deterministic encoder. */
    @Override
    public NDArray encode(GanModel model, NDArray examples, boolean training) {
        return encoderOutput(model, examples, training);
    }

    /**
     * DeePSiM's critic: real examples against their reconstructions, on loss.name. No gradient of
     * this step may reach the encoder or the decoder, and with their parameters untracked no graph
     * through them is built either.
     */
    @Override
    public Objective criticObjective(Play play) {
        if (!cost.adversarial()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " trains no critic");
        }
        NDArray x = play.real();
        NDArray y;
        List<String> untracked = generatorSide();
        untracked.forEach(n -> play.model().network(n).setTracking(false));
        try {
            y = play.model().generator().forward(reconstructionCode(play, x), true).stopGradient();
        } finally {
            untracked.forEach(n -> play.model().network(n).setTracking(true));
        }
        NDArray realTerm = cost.loss().realTerm(play.onReal("d"));
        return Objective.ofRealAndFake(realTerm, cost.loss().fakeTerm(play.model().discriminator().forward(
                y.reshape(x.getShape()), true)));
    }

    /**
     * The code from which an example is reconstructed in training: the encoder's output for a
     * deterministic encoder. The critic judges reconstructions from the very codes the generator
     * side is trained on, so that its verdict is on the distribution it is asked to score.
     */
    NDArray reconstructionCode(Play play, NDArray x) {
        return encode(play.model(), x, true);
    }

    /** The reconstruction cost of the play's real batch {@code x} decoded from {@code codes}; its terms go in {@code terms}. */
    NDArray reconstruction(Play play, NDArray x, NDArray codes, java.util.Map<String, NDArray> terms) {
        return cost.of(play.model(), x, play.model().generator().forward(codes, true), terms);
    }

    /** The encoder's output on a batch of examples, with its graph when {@code training}. */
    static NDArray encoderOutput(GanModel model, NDArray examples, boolean training) {
        return model.network(ENCODER).forward(examples, training);
    }

    /** E‖x − y‖²: squared differences summed over each example's values, averaged over the batch. */
    static NDArray squaredError(NDArray x, NDArray y) {
        NDArray d = x.sub(y.reshape(x.getShape())).square();
        return d.reshape(x.getShape().get(0), -1).sum(new int[] {1}).mean();
    }

    /** The prior's variance per coordinate: 1 for g.z_dist=normal, 1/3 for uniform on [−1, 1]. */
    static double priorVariance(Config config) {
        return config.get(Architectures.Z_DISTRIBUTION).equals("uniform") ? 1.0 / 3 : 1.0;
    }

    /** Refuses a prior the game's divergence is not written for. */
    static void requireNormalPrior(Config config, String why) {
        String prior = config.get(Architectures.Z_DISTRIBUTION);
        if (!prior.equals("normal")) {
            throw new ConfigException(Games.NAME.key() + "=" + config.get(Games.NAME) + " " + why + ", and "
                    + Architectures.Z_DISTRIBUTION.key() + "=" + prior + ": set it to normal");
        }
    }
}
