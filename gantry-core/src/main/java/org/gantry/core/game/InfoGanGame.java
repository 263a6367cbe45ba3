package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.ConfigException;
import org.gantry.core.engine.Scalars;
import org.gantry.core.model.NetworkSpec;
import org.gantry.core.nn.Architectures;
import org.gantry.core.nn.Normalisation;
import org.gantry.core.optim.OptimizerSettings;

/**
 * InfoGAN (Chen et al. 2016): the generator reads latent codes after its noise, and a head Q on the
 * discriminator's last hidden features predicts them back from the generated sample. Both the
 * generator and the critic side (D and Q) add λ·L_I to their adversarial objectives (loss.name),
 * where L_I = E[−log Q(c | G(z, c))] — cross-entropy for each categorical code and a unit-variance
 * Gaussian negative log-likelihood for each continuous one — so that H(c) − L_I, a lower bound on
 * the mutual information between codes and samples, rises. The critic side reports L_I as
 * info_loss, the generator as g_info_loss, both weighted.
 */
final class InfoGanGame implements Game {
    static final OptimizerSettings Q_OPTIMIZER = OptimizerSettings.inheriting("q", "Q head",
            OptimizerSettings.DISCRIMINATOR);
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final StandardGame adversarial;
    private final List<Integer> categorical;
    private final int continuous;
    private final double categoricalWeight;
    private final double continuousWeight;
    private final List<Integer> headWidths;
    /** Where the codes start in a latent vector: after the noise. */
    private final int codesAt;

    InfoGanGame(StandardGame adversarial, List<Integer> categorical, int continuous, double categoricalWeight,
            double continuousWeight, List<Integer> headWidths, int noise) {
        this.adversarial = adversarial;
        this.categorical = categorical == null ? List.of() : List.copyOf(categorical);
        this.continuous = continuous;
        this.categoricalWeight = categoricalWeight;
        this.continuousWeight = continuousWeight;
        this.headWidths = List.copyOf(headWidths);
        this.codesAt = noise;
        if (this.categorical.isEmpty() && continuous == 0) {
            throw new ConfigException("game.name=infogan needs latent codes: set game.categorical_codes or "
                    + "game.continuous_codes");
        }
    }

    /** The refusals that no single key can express. */
    static void check(Config config) {
        Games.requireUnpacked(config, "predicts each sample's codes from its own features");
        if (config.get(Normalisation.SELF_MODULATION)) {
            throw new ConfigException("g.self_modulation=true modulates by the noise alone (g.z_dim), and "
                    + "game.name=infogan adds codes to the generator's input: turn one of them off");
        }
    }

    @Override
    public List<NetworkSpec> extraNetworks(Config config, int[] exampleShape) {
        int outputs = categorical.stream().mapToInt(Integer::intValue).sum() + continuous;
        return List.of(NetworkSpec.onDiscriminatorFeatures("q",
                input -> Architectures.head(headWidths).build(input, new int[] {outputs}), Q_OPTIMIZER.create(config)));
    }

    @Override
    public List<String> heads() {
        return List.of("q");
    }

    @Override
    public List<Integer> categoricalCodes() {
        return categorical;
    }

    @Override
    public int continuousCodes() {
        return continuous;
    }

    @Override
    public Objective criticObjective(Play play) {
        // D's features and logit on the generated batch from one pass, before the adversarial terms ask for the logit.
        NDArray features = play.featuresOnFake("d");
        return withInformation(adversarial.criticObjective(play), play, features, "info_loss");
    }

    @Override
    public Objective generatorObjective(Play play) {
        NDArray features = play.featuresOnFake("d");
        return withInformation(adversarial.generatorObjective(play), play, features, "g_info_loss");
    }

    /** {@code game} plus the weighted information term, reported as {@code term}. */
    private Objective withInformation(Objective game, Play play, NDArray features, String term) {
        NDArray info = informationLoss(play, features);
        Map<String, NDArray> terms = new LinkedHashMap<>(game.terms());
        terms.put(term, info);
        return new Objective(game.total().add(info), terms);
    }

    /** λ_cat · (categorical NLL) + λ_cont · (continuous NLL) of the play's codes under Q. */
    private NDArray informationLoss(Play play, NDArray features) {
        NDArray q = play.model().network("q").forward(features, true);
        NDArray[] nll = negativeLogLikelihoods(q, play.latent().get(":, " + codesAt + ":"));
        NDArray total = null;
        if (nll[0] != null) {
            total = Scalars.times(nll[0], categoricalWeight);
        }
        if (nll[1] != null) {
            NDArray c = Scalars.times(nll[1], continuousWeight);
            total = total == null ? c : total.add(c);
        }
        return total;
    }

    /**
     * The batch means of −log Q(c|x), summed over the categorical codes and over the continuous
     * ones apart (null where there are none). {@code q} holds each categorical code's logits, then
     * each continuous code's mean; {@code codes} the one-hot categorical codes, then the continuous.
     */
    NDArray[] negativeLogLikelihoods(NDArray q, NDArray codes) {
        NDArray categoricalNll = null;
        int at = 0;
        for (int classes : categorical) {
            String columns = ":, " + at + ":" + (at + classes);
            NDArray ce = q.get(columns).logSoftmax(1).mul(codes.get(columns)).sum(new int[] {1}).mean().neg();
            categoricalNll = categoricalNll == null ? ce : categoricalNll.add(ce);
            at += classes;
        }
        NDArray continuousNll = null;
        if (continuous > 0) {
            String columns = ":, " + at + ":" + (at + continuous);
            // ½(c − μ)² + ½ log 2π per code: a unit-variance Gaussian's negative log-likelihood.
            NDArray squared = q.get(columns).sub(codes.get(columns)).square().sum(new int[] {1}).mean();
            continuousNll = Scalars.times(squared, 0.5).add((float) (continuous * HALF_LOG_TWO_PI));
        }
        return new NDArray[] {categoricalNll, continuousNll};
    }
}
