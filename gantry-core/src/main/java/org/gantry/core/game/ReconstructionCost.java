package org.gantry.core.game;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import org.gantry.config.Config;
import org.gantry.config.Setting;
import org.gantry.core.loss.AdversarialLoss;
import org.gantry.core.loss.Losses;
import org.gantry.config.ValueType;
import org.gantry.core.engine.Scalars;
import org.gantry.core.model.GanModel;

/**
 * What an auto-encoder's reconstruction costs: λ_img ‖x − y‖², and with game.reconstruction=features
 * also λ_feat ‖φ(x) − φ(y)‖² in the features φ of the run's feature network (Dosovitskiy & Brox
 * 2016, DeePSiM), each summed over an example's values and averaged over the batch. The feature
 * term rewards reconstructions that the comparator sees as the same digit and stroke, where the
 * pixel term alone averages uncertain detail into blur. With game.adversarial_weight above 0 it
 * adds DeePSiM's third term: loss.name's generator loss of a critic d that tells real examples
 * from reconstructions, which pulls the reconstructions towards the data's own texture.
 */
record ReconstructionCost(boolean features, double pixelWeight, double featureWeight, double adversarialWeight,
        AdversarialLoss loss) {
    static final Setting<String> SPACE = Setting.of("game.reconstruction", ValueType.choice(() -> List.of("pixels",
            "features")), "pixels", "vae, wae_mmd, wae_gan: where reconstructions are compared: pixels (squared "
                    + "error), or features: game.pixel_weight times the squared error plus game.feature_weight times "
                    + "the squared distance in the features of eval.feature_network (Gantry's classifier, or a "
                    + "TorchScript file), as DeePSiM's losses (Dosovitskiy & Brox 2016); for vae and wae_mmd, "
                    + "game.adversarial_weight adds their image-space adversarial term.");
    static final Setting<Double> PIXEL_WEIGHT = Setting.of("game.pixel_weight", ValueType.real(0, 1e6), 1.0,
            "vae, wae_mmd, wae_gan: weight of the squared pixel error in the reconstruction cost.");
    static final Setting<Double> FEATURE_WEIGHT = Setting.of("game.feature_weight", ValueType.real(0, 1e6), 1.0,
            "vae, wae_mmd, wae_gan with game.reconstruction=features: weight of the squared feature distance.");
    static final Setting<Double> ADVERSARIAL_WEIGHT = Setting.of("game.adversarial_weight", ValueType.real(0, 1e6), 0.0,
            "vae, wae_mmd: weight of DeePSiM's image-space adversarial term (Dosovitskiy & Brox 2016): when above 0, d "
                    + "(d.arch on examples) tells real examples from their reconstructions on loss.name, and the "
                    + "reconstruction cost adds this weight times loss.name's generator loss of d on the reconstructions.");
    static final List<Setting<?>> SETTINGS = List.of(SPACE, PIXEL_WEIGHT, FEATURE_WEIGHT, ADVERSARIAL_WEIGHT);

    static ReconstructionCost of(Config config) {
        boolean features = config.get(SPACE).equals("features");
        double featureWeight = config.get(FEATURE_WEIGHT);
        if (!features && featureWeight != FEATURE_WEIGHT.defaultValue()) {
            throw new org.gantry.config.ConfigException(FEATURE_WEIGHT.key() + "=" + featureWeight + " weighs a "
                    + "feature-space term, and " + SPACE.key() + "=pixels has none: set " + SPACE.key() + "=features");
        }
        double adversarialWeight = config.get(ADVERSARIAL_WEIGHT);
        return new ReconstructionCost(features, config.get(PIXEL_WEIGHT), featureWeight, adversarialWeight,
                adversarialWeight > 0 ? Losses.REGISTRY.create(config.get(Losses.NAME), config) : null);
    }

    /** Whether a critic of examples judges the reconstructions (DeePSiM's adversarial term). */
    boolean adversarial() {
        return adversarialWeight > 0;
    }

    /**
     * The cost of reconstructing {@code x} as {@code y}. Its terms: "reconstruction", the
     * similarity cost (pixels and features, weighted); when that has parts, "pixel_error" and
     * "feature_error"; with the adversarial term, "image_adversarial" (loss.name's generator loss,
     * unweighted), which the returned total adds with its weight but "reconstruction" leaves out,
     * so that it stays an error that falls as reconstructions improve.
     */
    NDArray of(GanModel model, NDArray x, NDArray y, Map<String, NDArray> terms) {
        NDArray pixels = AutoEncoderGame.squaredError(x, y);
        NDArray similarity = pixelWeight == 1 ? pixels : Scalars.times(pixels, pixelWeight);
        terms.put("reconstruction", similarity); // first among the terms; replaced below when it has parts
        if (features || adversarial()) {
            terms.put("pixel_error", pixels);
        }
        if (features) {
            NDArray target = model.comparator().apply(x).stopGradient();
            NDArray feature = AutoEncoderGame.squaredError(target, model.comparator().apply(y.reshape(x.getShape())));
            similarity = similarity.add(Scalars.times(feature, featureWeight));
            terms.put("feature_error", feature);
            terms.put("reconstruction", similarity);
        }
        if (!adversarial()) {
            return similarity;
        }
        NDArray fooled = loss.generatorLoss(model.discriminator().forward(y.reshape(x.getShape()), true));
        terms.put("image_adversarial", fooled);
        return similarity.add(Scalars.times(fooled, adversarialWeight));
    }
}
